// A model that answers only the per-slot queries: it forwards to a DiscreteModel's session but hides that session's
// IParticleWeights, so the reweight pass takes its slot-by-slot route. Used to show both routes code the same bits.
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

internal sealed class QueriesOnlyModel(ILatentModel inner) : ILatentModel
{
    public ModelIdentity Identity => inner.Identity;

    public ModelShape Shape => inner.Shape;

    public IModelSession OpenSession(int chains, int particles) => new Session(inner.OpenSession(chains, particles));

    private sealed class Session(IModelSession inner) : IModelSession
    {
        public QuantizedRows Proposal(in LatentQuery query, Span<int> rows) => inner.Proposal(query, rows);

        public QuantizedRows Prior(in LatentQuery query, Span<int> rows) => inner.Prior(query, rows);

        public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows) => inner.Likelihood(query, rows);

        public void Dispose() => inner.Dispose();
    }
}
