// ILatentModel: the public contract between a latent-variable model and the McBits coders. A model is a
// plain class implementing it; the coders never see anything else of it. What it describes:
//   * a coding unit is Steps steps; step t observes SymbolsPerStep symbols x_t (each below SymbolCount)
//     and has a latent z_t of LatentDims discrete dimensions (each below LatentCount);
//   * the coders need three conditional distributions, each factorised over dimensions / symbols and
//     handed over as integer tables (QuantizedRows) plus a row per query:
//       proposal    q(z_t,l | x_t, z_{t-1})      (z_{t-1} only where the shape says it is used)
//       prior       p(z_t,l | z_{t-1})           (no conditioning at t = 0)
//       likelihood  p(x_t,w | z_t);
//   * the integer log-weights are the tables' Log2Q32 entries, so encoder and decoder sum identical bits;
//   * its identity (description + fingerprint, recorded in every message and checked on decode).
// A model hands out one IModelSession per coding run: per-run scratch and state live there, so one model
// object can serve several runs at once. Optional extras: IExactBounds (exact −log p(x), −ELBO).
namespace Engine.Modeling;

/// <summary>A latent-variable model the McBits coders can drive: shape, identity and per-run sessions that answer
/// batched distribution queries with integer tables.</summary>
/// <remarks>See <c>docs/architecture.md</c>, "The model contract", for the call order and the determinism rules.</remarks>
public interface ILatentModel
{
    /// <summary>What is recorded in messages to name this model; decoding needs a model with the same fingerprint.</summary>
    ModelIdentity Identity { get; }

    /// <summary>Steps, symbols and latents of a coding unit, and the proposal's precision.</summary>
    ModelShape Shape { get; }

    /// <summary>Opens the per-run state of one coding run of <paramref name="chains"/> chains × <paramref name="particles"/> particles.</summary>
    IModelSession OpenSession(int chains, int particles);
}
