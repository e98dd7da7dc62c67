// The reweight pass has two routes: one IParticleWeights call per step (a table model's session) or three queries
// per slot (any other session). They must give the same integer weights, so the same messages byte for byte —
// for every coder whose weights decide what is coded, on 1 and several chains, with proposals reading x_t, the
// previous latent, or both.
using Engine.Ans.Messages;
using Engine.Modeling;
using Engine.Modeling.Discrete;

namespace Engine.Systems.Tests.UserModels;

public class WeightRouteTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        from kind in new[] { CoderKind.BbIs, CoderKind.BbCis, CoderKind.BbSmc, CoderKind.BbCsmc }
        from resampling in new[] { ResamplingMode.Always, ResamplingMode.Adaptive }
        from chains in new[] { 1, 5 }
        from input in new[] { ProposalInput.Observation, ProposalInput.Previous, ProposalInput.PreviousAndObservation }
        where resampling == ResamplingMode.Always || kind is CoderKind.BbSmc or CoderKind.BbCsmc
        select new TestCaseData(kind, resampling, chains, input);

    [TestCaseSource(nameof(Cases))]
    public void BatchAndPerSlotWeightsCodeTheSameMessage(CoderKind kind, ResamplingMode resampling, int chains, ProposalInput input)
    {
        DiscreteModel model = WeatherHmm.Build(input);
        Assert.That(model.OpenSession(1, 1), Is.InstanceOf<IParticleWeights>(), "the table model takes the one-call route");
        var slotwise = new QueriesOnlyModel(model);
        Assert.That(slotwise.OpenSession(1, 1), Is.Not.InstanceOf<IParticleWeights>());
        byte[] data = model.Sample(3 * chains + 1, 11);
        var options = new CoderOptions { Kind = kind, Particles = 8, Chains = chains, Resampling = resampling, Seed = 3 };
        byte[] batched = McbMessageFile.ToBytes(McBitsCodec.Encode(data, model, options).Message);
        byte[] perSlot = McbMessageFile.ToBytes(McBitsCodec.Encode(data, slotwise, options).Message);
        Assert.That(perSlot, Is.EqualTo(batched));
        Assert.That(McBitsCodec.Decode(McBitsCodec.Encode(data, slotwise, options).Message, model), Is.EqualTo(data), "a per-slot message decodes with the batch route");
    }
}
