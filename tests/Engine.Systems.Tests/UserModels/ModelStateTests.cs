// A model with per-particle state (SecondOrderHmm) through every sequential coder: the state follows the resampled
// ancestors (the model's own checks would throw otherwise), the encoder's and decoder's states agree (round trip),
// 1 and 64 chains, and both backends write the same message. Also: a shape asking for state on a session without
// AdvanceState is refused with a clear error. (Gathering the parents' states by slot instead of by ancestor makes
// the model's checks throw in every resampling case: measured when this test was written.)
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Tests.UserModels;

[NonParallelizable]
public class ModelStateTests
{
    [TestCaseSource(typeof(TwinRoundTrip), nameof(TwinRoundTrip.SequenceCases))]
    public void StatefulModelRoundTripsOnBothBackends(CoderKind kind, int n, ResamplingMode resampling, int chains)
    {
        var model = new SecondOrderHmm(9);
        byte[] data = model.Sample(chains == 1 ? 12 : 100, 3);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Resampling = resampling, Seed = 2 };
        using IRansBackend ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);
        TwinRoundTrip.Check(model, data, options, ilgpu);
        Assert.That(model.Advanced, Is.GreaterThan(0), "the coders advanced the model's state");
    }

    [Test]
    public void AShapeWithStateNeedsAdvanceState()
    {
        var model = new StatelessSessionModel();
        var ex = Assert.Throws<NotSupportedException>(() => McBitsCodec.Encode(new byte[6], model, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 4 }));
        Assert.That(ex!.Message, Does.Contain("AdvanceState"));
    }

    // Declares one word of state but answers only the three queries.
    private sealed class StatelessSessionModel : ILatentModel
    {
        private static readonly QuantizedRows Table = QuantizedRows.FromWeights([1, 1], 1, 2, 8);

        public ModelIdentity Identity { get; } = new("stateless-session", new byte[16]);

        public ModelShape Shape { get; } = new(3, 1, 2, 1, 2, 8, false) { StateWords = 1 };

        public IModelSession OpenSession(int chains, int particles) => new Session();

        private sealed class Session : IModelSession
        {
            public QuantizedRows Proposal(in LatentQuery query, Span<int> rows) => Zero(query, rows);

            public QuantizedRows Prior(in LatentQuery query, Span<int> rows) => Zero(query, rows);

            public QuantizedRows Likelihood(in LatentQuery query, Span<int> rows) => Zero(query, rows);

            private static QuantizedRows Zero(in LatentQuery query, Span<int> rows)
            {
                rows[..query.Count].Clear();
                return Table;
            }

            public void Dispose()
            {
            }
        }
    }
}
