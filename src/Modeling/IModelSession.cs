// IModelSession: one coding run's view of a model. The coders ask for a distribution with a LatentQuery
// (one step, one latent dimension or symbol position, a contiguous range of chains for one or several
// particle slots); the session answers with an integer table and writes, for each query, the row of that
// table to code with. Rules every implementation keeps (docs/architecture.md, "The model contract"):
//   * the answer for each query is a deterministic function of its contents (step, dimension, its
//     observations and latents) — never of how queries are batched, the thread or the order of earlier
//     calls — because the decoder asks the same questions in other batches and another order and must
//     get the same tables;
//   * calls for disjoint chain ranges may run concurrently on several threads;
//   * tables returned must not change during the run.
namespace Engine.Modeling;

/// <summary>Answers the coders' distribution queries during one coding run.</summary>
public interface IModelSession : IDisposable
{
    /// <summary>q(z_t,l | x_t, z_{t-1}) for latent dimension <see cref="LatentQuery.Dimension"/>: returns the table and writes
    /// each query's row into <paramref name="rows"/> (length <see cref="LatentQuery.Count"/>). Its precision must be
    /// <see cref="ModelShape.ProposalPrecision"/>.</summary>
    QuantizedRows Proposal(in LatentQuery query, Span<int> rows);

    /// <summary>p(z_t,l | z_{t-1}) (at t = 0 the unconditional prior) for latent dimension <see cref="LatentQuery.Dimension"/>.</summary>
    QuantizedRows Prior(in LatentQuery query, Span<int> rows);

    /// <summary>p(x_t,w | z_t) for symbol position w = <see cref="LatentQuery.Dimension"/>.</summary>
    QuantizedRows Likelihood(in LatentQuery query, Span<int> rows);
}
