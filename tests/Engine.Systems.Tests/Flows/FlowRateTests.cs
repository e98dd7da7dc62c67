// Rate = model for the local bits-back coders, on toy CIFs' own samples:
//   * each coder's net rate sits within a few thousandths of a bit per dimension of its own estimate (the model's densities
//     at the values the coder popped): the local bits-back gap, the grids, the tables' precision and the head whitening
//     cost next to nothing at the default sigma (measured: 0.0000 to 0.0011 over sigma = 2^-6 .. 2^-16);
//   * the naive coder, whose pops read clean bits when each unit has its own chain, estimates the model's -ELBO: its
//     estimate agrees with FlowBound's within their standard errors, and for a plain flow (no index: the bound is the exact
//     dequantised likelihood) so does its net rate;
//   * Bit-Swap's initial bits stay flat as layers are added while the naive order's grow.
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class FlowRateTests
{
    [TestCase(2, 1, 1)]
    [TestCase(2, 3, 1)]
    [TestCase(4, 2, 0)]
    [TestCase(4, 2, 2)]
    public void NetRateMatchesTheCodersOwnEstimateAndTheModelsBound(int dims, int layers, int index)
    {
        var model = new ToyCif(dims, layers, index, seed: 5);
        byte[] data = model.Sample(400, seed: 6);
        (double bound, double boundSe) = FlowBound.NegativeElbo(model, data, samples: 20, seed: 7);
        foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
        {
            FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Coder = coder, Chains = 400 });
            TestContext.Out.WriteLine($"{model.Identity.Description} {coder}: net {r.NetBitsPerDim:F4} own {r.EstimatorBitsPerDim:F4} ± {r.EstimatorStandardError:F4} escapes {r.Escapes} bound {bound:F4} ± {boundSe:F4}");
            Assert.That(r.Escapes, Is.Zero, $"{coder}: no value left its Gaussian's window");
            Assert.That(r.NetBitsPerDim - r.EstimatorBitsPerDim, Is.InRange(-0.002, 0.003), $"{coder}: net against own estimate");
            if (coder != FlowCoderKind.Naive) continue;
            double se = Math.Sqrt(boundSe * boundSe + r.EstimatorStandardError * r.EstimatorStandardError);
            Assert.That(r.EstimatorBitsPerDim - bound, Is.InRange(-4 * se, 4 * se), "naive estimate against -ELBO");
            if (index == 0) Assert.That(r.NetBitsPerDim - bound, Is.InRange(-4 * se, 4 * se + 0.01), "plain flow net against its likelihood bound");
        }
    }

    [Test]
    public void BitSwapInitialBitsStayFlatWhileTheNaiveOrdersGrow()
    {
        var initial = new Dictionary<(FlowCoderKind, int), double>();
        foreach (int layers in new[] { 1, 2, 4, 8 })
        {
            var model = new ToyCif(4, layers, 1, seed: 11);
            byte[] data = model.Sample(1, seed: 3);
            foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
                initial[(coder, layers)] = FlowCodec.Encode(data, model, new FlowOptions { Coder = coder }).InitialBits;
        }
        TestContext.Out.WriteLine(string.Join(", ", initial.Select(kv => $"{kv.Key}: {kv.Value:F0}")));
        Assert.That(initial[(FlowCoderKind.BitSwap, 8)], Is.LessThan(initial[(FlowCoderKind.BitSwap, 1)] + 64), "Bit-Swap: flat");
        Assert.That(initial[(FlowCoderKind.Naive, 2)], Is.GreaterThan(initial[(FlowCoderKind.Naive, 1)]), "naive: each layer adds its pops");
        Assert.That(initial[(FlowCoderKind.Naive, 4)], Is.GreaterThan(initial[(FlowCoderKind.Naive, 2)]), "naive: each layer adds its pops");
        Assert.That(initial[(FlowCoderKind.Naive, 8)] - initial[(FlowCoderKind.Naive, 1)], Is.GreaterThan(7 * 32), "naive: about a word a layer or more");
        Assert.That(initial[(FlowCoderKind.BitSwap, 1)], Is.EqualTo(initial[(FlowCoderKind.Naive, 1)]));
    }
}
