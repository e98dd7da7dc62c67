// The published shape of the rates (docs/coders.md) on runs small enough for CI: single chain, fixed seeds.
// Targets are checked against the model's entropy (exact for the mixture, Monte Carlo with a stated
// standard error for the HMM) and against the exact ideal code length of the very data coded.
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class BitrateShapeTests
{
    private static EncodeResult Encode(ToyModel model, byte[] data, CoderKind kind, int n, ResamplingMode mode = ResamplingMode.Always) =>
        McBitsCodec.Encode(data, model, new CoderOptions { Kind = kind, Particles = n, Chains = 1, Seed = 3, Resampling = mode });

    [TestCase(CoderKind.BbIs, 2000)]
    [TestCase(CoderKind.BbCis, 2000)]
    [TestCase(CoderKind.BbAis, 1000)]
    public void AtN128TheNetRateIsWithinOneHundredthOfABitOfTheMixtureEntropy(CoderKind kind, int symbols)
    {
        ToyModel model = TestModels.Mixture;
        byte[] data = model.Sample(symbols, 21);
        EncodeResult r = Encode(model, data, kind, 128);
        TestContext.Out.WriteLine($"{kind}(128): net {r.NetBitsPerSymbol:F4}, entropy {model.Entropy.Bits:F4}, ideal {model.MeanIdealBits(data):F4}");
        Assert.That(r.NetBitsPerSymbol, Is.EqualTo(model.Entropy.Bits).Within(0.01));
        Assert.That(r.NetBitsPerSymbol, Is.EqualTo(model.MeanIdealBits(data)).Within(0.01));
    }

    [TestCase(CoderKind.BbIs)]
    [TestCase(CoderKind.BbCis)]
    [TestCase(CoderKind.BbAis)]
    public void NetRateFallsTowardsTheEntropyAsNGrows(CoderKind kind)
    {
        ToyModel model = TestModels.Mixture;
        byte[] data = model.Sample(600, 22);
        double[] net = [.. new[] { 1, 4, 32 }.Select(n => Encode(model, data, kind, n).NetBitsPerSymbol)];
        TestContext.Out.WriteLine($"{kind}: {string.Join(" > ", net.Select(v => v.ToString("F4")))}");
        Assert.That(net[0], Is.GreaterThan(net[1]));
        Assert.That(net[1], Is.GreaterThan(net[2]));
        Assert.That(net[2], Is.GreaterThan(model.MeanIdealBits(data) - 0.01));
        // BB-ELBO is the N = 1 point: the gap to the entropy is the KL of the uniform proposal (paper: ~0.6 bits).
        Assert.That(net[0] - model.Entropy.Bits, Is.InRange(0.2, 1.0));
    }

    [Test]
    public void BitSwapTradesNetRateForFlatInitialBits()
    {
        ToyModel model = TestModels.Mixture;
        byte[] data = model.Sample(600, 23);
        EncodeResult ais = Encode(model, data, CoderKind.BbAis, 64), swap = Encode(model, data, CoderKind.BbAisBitSwap, 64);
        TestContext.Out.WriteLine($"AIS(64) net {ais.NetBitsPerSymbol:F4} total {ais.TotalBitsPerSymbol:F4}; BitSwap net {swap.NetBitsPerSymbol:F4} total {swap.TotalBitsPerSymbol:F4}");
        // Paper (N = 128): AIS 6.003 / 6.483, BitSwap 6.083 / 6.115: BitSwap's net is worse, its total far better.
        Assert.That(swap.NetBitsPerSymbol, Is.GreaterThan(ais.NetBitsPerSymbol));
        Assert.That(swap.TotalBitsPerSymbol, Is.LessThan(ais.TotalBitsPerSymbol));
    }

    [Test]
    public void SmcApproachesTheHmmEntropyAndBeatsSequentialImportanceSampling()
    {
        ToyModel model = TestModels.Hmm;
        byte[] data = model.Sample(300, 24);
        EntropyEstimate h = model.Entropy;
        double ideal = model.MeanIdealBits(data);
        var smc = new Dictionary<int, double>();
        foreach (int n in new[] { 4, 16, 64, 256 })
        {
            double withResampling = Encode(model, data, CoderKind.BbSmc, n).NetBitsPerUnit;
            double sis = Encode(model, data, CoderKind.BbSmc, n, ResamplingMode.Never).NetBitsPerUnit;
            TestContext.Out.WriteLine($"N={n}: SMC {withResampling:F3}, SIS {sis:F3} bits/sequence (entropy {h.Bits:F3} ± {h.StandardError:F3}, ideal {ideal:F3})");
            Assert.That(withResampling, Is.LessThan(sis), $"N = {n}");
            smc[n] = withResampling;
        }
        Assert.That(smc[256], Is.EqualTo(ideal).Within(0.1));
        // The entropy is itself an estimate and 300 sequences carry sampling noise (sd ~0.5 bits / sequence).
        double se = 0.5 / Math.Sqrt(300);
        Assert.That(smc[256], Is.EqualTo(h.Bits).Within(0.1 + 3 * Math.Sqrt(se * se + h.StandardError * h.StandardError)));
    }

    [Test]
    public void CoupledSmcKeepsTheNetRateOfSmc()
    {
        ToyModel model = TestModels.Hmm;
        byte[] data = model.Sample(300, 25);
        foreach (int n in new[] { 16, 256 })
        {
            double smc = Encode(model, data, CoderKind.BbSmc, n).NetBitsPerUnit;
            double csmc = Encode(model, data, CoderKind.BbCsmc, n).NetBitsPerUnit;
            TestContext.Out.WriteLine($"N={n}: SMC {smc:F3}, CSMC {csmc:F3}");
            Assert.That(csmc, Is.EqualTo(smc).Within(0.15), $"N = {n}");
        }
    }

    [Test]
    public void ElboOnTheHmmPaysTheProposalsKlOverTheEntropy()
    {
        ToyModel model = TestModels.Hmm;
        byte[] data = model.Sample(300, 26);
        double elbo = Encode(model, data, CoderKind.BbElbo, 1).NetBitsPerUnit;
        // Paper: BB-ELBO 48.25 vs entropy 39.98 bits per sequence with the same kind of model.
        Assert.That(elbo - model.Entropy.Bits, Is.InRange(3.0, 12.0));
    }
}
