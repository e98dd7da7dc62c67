using Engine.Models.Toy;
using Engine.Systems;
using Engine.Systems.Coding;

namespace Engine.Systems.Tests;

public class ScratchRoundTripTests
{
    [TestCase(CoderKind.BbElbo, 1, 1, "mixture")]
    [TestCase(CoderKind.BbIs, 2, 1, "mixture")]
    [TestCase(CoderKind.BbIs, 16, 3, "mixture")]
    [TestCase(CoderKind.BbCis, 16, 3, "mixture")]
    [TestCase(CoderKind.BbCis, 16, 3, "mixture:proposal=informed")]
    [TestCase(CoderKind.BbAis, 8, 3, "mixture")]
    [TestCase(CoderKind.BbAisBitSwap, 8, 3, "mixture")]
    [TestCase(CoderKind.BbSmc, 8, 3, "hmm")]
    [TestCase(CoderKind.BbCsmc, 8, 3, "hmm")]
    [TestCase(CoderKind.BbCsmc, 8, 3, "hmm:proposal=informed")]
    [TestCase(CoderKind.BbIs, 8, 3, "hmm")]
    public void RoundTrip(CoderKind kind, int n, int chains, string model)
    {
        ToyModel m = ToyModel.FromDescription(model);
        byte[] data = m.Sample(10, 5);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Seed = 9 };
        var (lanes, counts, _) = CoderRunner.Encode(m, options, data);
        var acc = lanes.AccountAll();
        TestContext.Out.WriteLine($"{kind} N={n} net/unit={acc.NetBits / 10:F3} ideal={m.MeanIdealBits(data):F3} init={acc.InitialBits:F1}");
        var dec = Engine.Ans.RansLanes.FromState(lanes.Seed, lanes.SnapshotHeads(), lanes.SnapshotTails());
        var (back, _) = CoderRunner.Decode(m, options, dec, 10);
        Assert.That(back, Is.EqualTo(data));
    }
}
