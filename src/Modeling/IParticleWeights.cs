// IParticleWeights: an optional capability of a model session — sum the weight increments of a whole step in one
// call instead of answering three queries per particle slot. The reweight pass uses it when the session has it
// and otherwise asks Prior, Proposal and AddLogLikelihood slot by slot. Both routes must give the same integers
// (the increments are sums of the tables' fixed-point logs), so a model can add it for speed without changing a
// message: the coders' golden tests hold either way.
namespace Engine.Modeling;

/// <summary>Sums the importance log-weight increments of every particle of a step at once.</summary>
public interface IParticleWeights
{
    /// <summary>
    /// Adds, for every particle i of every chain q of the batch, Σ_l log2 p(z_{t,l} | z_{t-1}) + Σ_w log2 p(x_{t,w} | z_t)
    /// − Σ_l log2 q(z_{t,l} | x_t, z_{t-1}) (Q32 fixed point: each term is the <see cref="QuantizedRows.Log2Q32"/> entry of the
    /// table and row the per-slot queries would give; the prior at t = 0) into <paramref name="sums"/>[q · Particles + i].
    /// </summary>
    void AddLogWeights(in ParticleWeightBatch batch, Span<long> sums);
}
