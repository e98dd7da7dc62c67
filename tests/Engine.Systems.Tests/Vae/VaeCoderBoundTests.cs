// VaeCoderBound: the bounds on the coder's own quantised tables. −IWAE(k) never exceeds −ELBO (log-mean-exp ≥ mean), the two
// agree at k = 1, a seed reproduces them, and the coders' nets land on them: BB-ELBO's and BB-IS(8)'s net over many images
// on one chain (format 5's whitened draws) sit within a few standard errors of the bound they aim at.
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vae;

public class VaeCoderBoundTests
{
    [Test]
    public void IwaeIsBelowElboAndEqualAtOneDraw()
    {
        BinaryImages images = TinyVae.Images(40, seed: 3);
        VaeCoderBoundResult one = VaeCoderBound.Measure(TinyVae.Model, VaeLatentGrid.Default, images, k: 1, seed: 5);
        Assert.That(one.NegIwaeBitsPerDim, Is.EqualTo(one.NegElboBitsPerDim).Within(1e-12));
        VaeCoderBoundResult eight = VaeCoderBound.Measure(TinyVae.Model, VaeLatentGrid.Default, images, k: 8, seed: 5);
        Assert.That(eight.NegIwaeBitsPerDim, Is.LessThan(eight.NegElboBitsPerDim));
        Assert.That(eight.NegElboStandardError, Is.GreaterThan(0));
        Assert.That(VaeCoderBound.Measure(TinyVae.Model, VaeLatentGrid.Default, images, k: 8, seed: 5), Is.EqualTo(eight));
        Assert.Throws<ArgumentException>(() => VaeCoderBound.Measure(TinyVae.Model, VaeLatentGrid.Default, new BinaryImages(4, 4, new byte[16], [0], [0])));
    }

    [TestCase(CoderKind.BbElbo, 1)]
    [TestCase(CoderKind.BbIs, 8)]
    public void TheNetLandsOnItsBound(CoderKind kind, int n)
    {
        BinaryImages images = TinyVae.Images(2000, seed: 9);
        VaeCoderBoundResult bound = VaeCoderBound.Measure(TinyVae.Model, VaeLatentGrid.Default, images, k: Math.Max(n, 16), seed: 2);
        double target = n == 1 ? bound.NegElboBitsPerDim : VaeCoderBound.Measure(TinyVae.Model, VaeLatentGrid.Default, images, k: n, seed: 2).NegIwaeBitsPerDim;
        double net = VaeCodec.Encode(images, TinyVae.Model, new CoderOptions { Kind = kind, Particles = n, Seed = 4 }).NetBitsPerSymbol;
        // One draw per image: its standard error is sqrt(k) times the k-draw bound's.
        double tolerance = 4 * bound.NegElboStandardError * Math.Sqrt(bound.K) + 0.002;
        TestContext.Out.WriteLine($"{kind}({n}): net {net:F5}, bound {target:F5}, tolerance {tolerance:F5} bits/dim");
        Assert.That(net, Is.EqualTo(target).Within(tolerance));
    }
}
