// IModelSession: one coding run's view of a model. The coders ask for a distribution with a LatentQuery
// (one step, one latent dimension or symbol position, a contiguous range of chains for one particle
// slot); the session answers with an integer table and writes, for each query, the row of that table to
// code with. Rules every implementation keeps (docs/architecture.md, "The model contract"):
//   * the answer is a deterministic function of the query's contents (step, dimension, observations,
//     latents) — never of the chain range, the slot number, the thread or earlier calls — because the
//     decoder asks the same questions in another order and must get the same tables. The one kind of
//     earlier call a session may rely on is a batch hook below: its results are work done ahead for the
//     same inputs (a network run once for many chains), so they change speed, never answers;
//   * calls for disjoint chain ranges may run concurrently on several threads (hooks included);
//   * a table's rows must not change while a pass may read them: an immutable table never changes; a
//     writable one (QuantizedRows.CreateWritable) is rewritten only inside the hooks, for the chains and
//     step the hook covers, and only rows that answered earlier units or steps of those chains — or inside
//     a query, rows only that query's answer uses (one per chain and dimension: a pass codes with an answer
//     before it asks about the same chains and dimension again).
// Likelihood scores: AddLogLikelihood sums log2 p(x_t,w | z_t) over all W positions of a particle for the
// importance weights; its default asks Likelihood per position, and a session with many positions (a VAE's
// pixels) may override it to skip the per-position calls — with exactly the same sums.
// Batch hooks (default: nothing, so table models implement only the three queries):
//   * Observe(x_t of a chain range): called once x_t is known and before any proposal query of step t for
//     those chains — encode: when the unit starts (every step); decode: right after the model pass popped
//     x_t. A network proposal q(z | x) runs its encoder here.
//   * PrepareLikelihood(z_t of every particle of a chain range): called before likelihood queries that name
//     their particle (LatentQuery.Slots) — before the reweight pass (all N particles) and, decoding, before
//     the model pass pops x_t (the one lineage particle, slot 0). A session keeps what it computed for step t
//     until the next batch of step t: encoding, the model pass asks about the lineage particles of the
//     reweight batch after every step's reweight has run.
// Per-particle state (ModelShape.StateWords > 0): AdvanceState computes s_t from x_t, z_t and the parent's s_{t-1}
// for a batch of particles; every query about step t then carries the parent's s_{t-1} (LatentQuery.State). Like
// the tables, s_t must be a deterministic function of those inputs.
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

    /// <summary>Adds log2 p(x_t | z_t) = Σ_w log2 p(x_t,w | z_t) in Q32, w = 0 .. <paramref name="positions"/> - 1, of every query to
    /// <paramref name="sums"/>[q]. The query carries the particles' latents (<see cref="LatentQuery.Latent"/>, with
    /// <see cref="LatentQuery.Slots"/> where prepared) and x_t (<see cref="LatentQuery.Observed"/>); its dimension is unused.
    /// The default asks <see cref="Likelihood"/> for every position (<see cref="LatentQuery.AtPosition"/>, rows into
    /// <paramref name="rows"/>, length Count) and adds the table's <see cref="QuantizedRows.Log2Q32"/> entry of the observed
    /// symbol; an override must add exactly the same values.</summary>
    /// <exception cref="InvalidOperationException">(default) A likelihood table has no entry for an observed symbol.</exception>
    void AddLogLikelihood(in LatentQuery query, int positions, Span<int> rows, Span<long> sums)
    {
        int count = query.Count;
        for (int w = 0; w < positions; w++)
        {
            QuantizedRows table = Likelihood(query.AtPosition(w), rows);
            ReadOnlySpan<int> x = query.Observed(w);
            int width = table.Width;
            long[] log = table.Log2Q32;
            for (int q = 0; q < count; q++)
            {
                if ((uint)x[q] >= (uint)width)
                    throw new InvalidOperationException($"The likelihood table of position {w} has {width} outcomes; symbol {x[q]} was observed.");
                sums[q] += log[rows[q] * width + x[q]];
            }
        }
    }

    /// <summary>Computes every particle's state s_t (ModelShape.StateWords words) from x_t, its z_t and its parent's s_{t-1}
    /// (none at t = 0), into <see cref="StateBatch.NewState"/>. Called only for models with state, for steps 0 .. T - 2 (no query
    /// reads the last step's state): for all particles of a chain range, and when decoding also for the lineage alone (one
    /// particle per chain) — a particle's s_t must not depend on which batch it came in (a network runs fixed-size blocks).
    /// The default refuses: a model that declares state implements it.</summary>
    /// <exception cref="NotSupportedException">(default) The session keeps no state.</exception>
    void AdvanceState(in StateBatch batch) =>
        throw new NotSupportedException("The model declares per-particle state (ModelShape.StateWords > 0) but its session does not implement AdvanceState.");

    /// <summary>Batch hook: x_t of a range of chains is known; called before any proposal query of step
    /// <see cref="ObservedBatch.Step"/> for those chains. The default does nothing.</summary>
    void Observe(in ObservedBatch batch)
    {
    }

    /// <summary>Batch hook: the step-t latents of every particle of a range of chains, before likelihood queries that
    /// name those particles by <see cref="LatentQuery.Slots"/>. The default does nothing.</summary>
    void PrepareLikelihood(in LatentBatch batch)
    {
    }
}
