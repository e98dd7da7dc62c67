// McBits over a CIF's index (the importance-sampling flow coders, BB-IS and coupled BB-CIS): exact round trips for N = 1, 4, 16
// on 1 and 5 chains and several models; the net rate sits on the coder's own estimate (-log of the mean weight of the particles
// it drew), which estimates the model's -IWAE(N) (coupled: the coupled estimator's -E log p^) and falls with N; the coupled
// coder's initial bits stay flat in N where BB-IS's grow; a plain flow (no index) codes as Bit-Swap.
using Engine.Ans.Messages;
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class FlowImportanceTests
{
    [Test]
    public void RoundTripsForEveryParticleCount([Values(FlowCoderKind.ImportanceSampling, FlowCoderKind.CoupledImportanceSampling)] FlowCoderKind coder,
        [Values(1, 4, 16)] int particles, [Values(1, 5)] int chains)
    {
        foreach ((int d, int l, int u) in new[] { (2, 1, 1), (3, 2, 2), (4, 3, 1) })
        {
            var model = new ToyCif(d, l, u, seed: (ulong)(d + l + u));
            byte[] data = model.Sample(17, seed: d);
            var options = new FlowOptions { Coder = coder, Particles = particles, Chains = chains, Seed = 3 };
            FlowEncodeResult r = FlowCodec.Encode(data, model, options);
            McbMessage read = McbMessageFile.Read(McbMessageFile.ToBytes(r.Message).AsMemory());
            Assert.That(FlowCodec.Decode(read, model).Data, Is.EqualTo(data), model.Identity.Description);
            Assert.That(FlowCodec.OptionsOf(read, model).Particles, Is.EqualTo(particles));
        }
    }

    [Test]
    public void NetRateFollowsTheIwaeBoundDownWithN()
    {
        var model = new ToyCif(2, 2, 1, seed: 5);
        byte[] data = model.Sample(300, seed: 6);
        double previous = double.PositiveInfinity;
        foreach (int n in new[] { 1, 4, 16 })
        {
            (double bound, double se) = FlowBound.NegativeIwae(model, data, n, samples: 10, seed: 8);
            FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Coder = FlowCoderKind.ImportanceSampling, Particles = n, Chains = 300 });
            TestContext.Out.WriteLine($"N={n}: net {r.NetBitsPerDim:F4} own {r.EstimatorBitsPerDim:F4} ± {r.EstimatorStandardError:F4} -IWAE {bound:F4} ± {se:F4} initial {r.InitialBits / 300:F1}");
            Assert.That(r.Escapes, Is.Zero);
            Assert.That(r.NetBitsPerDim - r.EstimatorBitsPerDim, Is.InRange(-0.003, 0.01), "net against own estimate");
            double tolerance = 4 * Math.Sqrt(se * se + r.EstimatorStandardError * r.EstimatorStandardError);
            Assert.That(r.EstimatorBitsPerDim - bound, Is.InRange(-tolerance, tolerance), "own estimate against -IWAE(N)");
            Assert.That(bound, Is.LessThan(previous + 2 * se));
            previous = bound;
        }
    }

    [Test]
    public void CoupledNetRateFollowsItsOwnEstimatorAndItsInitialBitsStayFlat()
    {
        var model = new ToyCif(2, 2, 1, seed: 5);
        byte[] data = model.Sample(300, seed: 6);
        var initial = new List<double>();
        foreach (int n in new[] { 1, 4, 16 })
        {
            (double bound, double se) = FlowBound.NegativeCoupled(model, data, n, samples: 10, seed: 8);
            FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Coder = FlowCoderKind.CoupledImportanceSampling, Particles = n, Chains = 300 });
            FlowEncodeResult one = FlowCodec.Encode(data.AsSpan(0, 2).ToArray(), model, new FlowOptions { Coder = FlowCoderKind.CoupledImportanceSampling, Particles = n });
            initial.Add(one.InitialBits);
            TestContext.Out.WriteLine($"CIS N={n}: net {r.NetBitsPerDim:F4} own {r.EstimatorBitsPerDim:F4} ± {r.EstimatorStandardError:F4} -E log p^ {bound:F4} ± {se:F4} initial (1 unit) {one.InitialBits:F1}");
            Assert.That(r.NetBitsPerDim - r.EstimatorBitsPerDim, Is.InRange(-0.003, 0.01), "net against own estimate");
            double tolerance = 4 * Math.Sqrt(se * se + r.EstimatorStandardError * r.EstimatorStandardError);
            Assert.That(r.EstimatorBitsPerDim - bound, Is.InRange(-tolerance, tolerance), "own estimate against the coupled -E log p^");
        }
        // One shared word per index coordinate whatever N; log2 N more for the selection's uniform.
        Assert.That(initial[2] - initial[0], Is.LessThan(16), "initial bits flat in N");
    }

    [Test]
    public void APlainFlowCodesAsBitSwap()
    {
        var model = new ToyCif(4, 2, 0, seed: 1);
        byte[] data = model.Sample(5, seed: 1);
        FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Coder = FlowCoderKind.ImportanceSampling, Particles = 8 });
        FlowEncodeResult b = FlowCodec.Encode(data, model, new FlowOptions { Coder = FlowCoderKind.BitSwap });
        Assert.That(r.Message.Heads, Is.EqualTo(b.Message.Heads));
        Assert.That(FlowCodec.Decode(r.Message, model).Data, Is.EqualTo(data));
    }
}
