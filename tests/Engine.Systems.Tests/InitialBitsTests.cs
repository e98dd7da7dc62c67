// Initial bits of a one-unit message (the paper's shapes, docs/coders.md): flat in N for BB-CIS, BB-AIS-BitSwap and BB-CSMC,
// growing about linearly for BB-IS, BB-AIS and BB-SMC. Initial bits = log2 of the initial head plus
// 32 per seeded word a pop had to draw, so they move in 32-bit steps.
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class InitialBitsTests
{
    private static double Initial(ToyModel model, CoderKind kind, int n, ulong dataSeed)
    {
        byte[] one = model.Sample(1, dataSeed);
        return McBitsCodec.Encode(one, model, new CoderOptions { Kind = kind, Particles = n, Seed = 5 }).InitialBits;
    }

    [TestCase(CoderKind.BbCis, "mixture")]
    [TestCase(CoderKind.BbAisBitSwap, "mixture")]
    [TestCase(CoderKind.BbCsmc, "hmm")]
    public void FlatInN(CoderKind kind, string model)
    {
        ToyModel m = TestModels.Get(model + ":seed=1");
        for (ulong seed = 1; seed <= 3; seed++)
        {
            double one = Initial(m, kind, 1, seed), many = Initial(m, kind, 128, seed);
            TestContext.Out.WriteLine($"{kind}: N=1 {one:F1}, N=128 {many:F1}");
            Assert.That(many, Is.LessThanOrEqualTo(1.5 * one), $"data seed {seed}");
        }
    }

    [TestCase(CoderKind.BbIs, "mixture")]
    [TestCase(CoderKind.BbAis, "mixture")]
    [TestCase(CoderKind.BbSmc, "hmm")]
    public void GrowAboutLinearlyInN(CoderKind kind, string model)
    {
        ToyModel m = TestModels.Get(model + ":seed=1");
        double i1 = Initial(m, kind, 1, 7), i16 = Initial(m, kind, 16, 7), i128 = Initial(m, kind, 128, 7);
        TestContext.Out.WriteLine($"{kind}: N=1 {i1:F1}, N=16 {i16:F1}, N=128 {i128:F1}");
        Assert.That(i16, Is.GreaterThan(i1));
        Assert.That(i128, Is.GreaterThan(8 * i1));
        // Linear growth: the extra bits from 1 to 128 particles are ~127/15 times those from 1 to 16.
        double ratio = (i128 - i1) / (i16 - i1);
        Assert.That(ratio, Is.InRange(127.0 / 15 / 2, 127.0 / 15 * 2));
    }
}
