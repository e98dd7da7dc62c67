// The VRNN bounds on tiny synthetic sequences: shapes, IWAE(N) ≥ ELBO on the same draws (Jensen, so exact), FIVO(1) = ELBO
// (one particle: nothing to resample, the same ε), reproducible draws for one seed, gradients through FIVO despite the
// resampling, and a clear error for sequences of the wrong width.
using Engine.Models.Neural.Vrnn;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Tests.Neural;

public class VrnnObjectiveTests
{
    internal static readonly VrnnShape Tiny = new(6, 8, 8, 2);

    internal static Tensor Sequences(int count, ulong seed = 3)
    {
        var data = SyntheticBinary.Make(count, 6, seed: seed);
        return tensor(data.Bits.Select(b => (float)b).ToArray(), [count, 6, 6]);
    }

    [Test]
    public void BoundsHaveOneValuePerSequenceAndIwaeIsAtLeastTheElbo()
    {
        using var network = new VrnnNetwork(Tiny, seed: 1);
        using var x = Sequences(10);
        using var g = new Generator(5, torch.CPU);
        using var logW = VrnnObjective.LogWeights(network, x, 7, g);
        Assert.That(logW.shape, Is.EqualTo(new long[] { 7, 10 }));
        using var elbo = VrnnObjective.Elbo(logW);
        using var iwae = VrnnObjective.Iwae(logW);
        using var fivo = VrnnObjective.Fivo(network, x, 7, g);
        Assert.That(fivo.shape, Is.EqualTo(new long[] { 10 }));
        float[] e = elbo.data<float>().ToArray(), i = iwae.data<float>().ToArray(), f = fivo.data<float>().ToArray();
        for (int b = 0; b < 10; b++)
        {
            Assert.That(i[b], Is.GreaterThanOrEqualTo(e[b] - 1e-4), $"sequence {b}");
            Assert.That(float.IsFinite(f[b]) && f[b] < 0, Is.True, $"FIVO of sequence {b} is {f[b]}");
        }
    }

    [Test]
    public void WithOneParticleFivoIsTheElbo()
    {
        using var network = new VrnnNetwork(Tiny, seed: 1);
        using var x = Sequences(5);
        using var g1 = new Generator(9, torch.CPU);
        using var g2 = new Generator(9, torch.CPU);
        using var elbo = VrnnObjective.Elbo(VrnnObjective.LogWeights(network, x, 1, g1));
        using var fivo = VrnnObjective.Fivo(network, x, 1, g2);
        Assert.That(fivo.data<float>().ToArray(), Is.EqualTo(elbo.data<float>().ToArray()).Within(1e-4));
    }

    [TestCase(VrnnObjectiveKind.Elbo)]
    [TestCase(VrnnObjectiveKind.Iwae)]
    [TestCase(VrnnObjectiveKind.Fivo)]
    public void SameSeedSameBoundAndEveryParameterGetsAGradient(VrnnObjectiveKind kind)
    {
        using var network = new VrnnNetwork(Tiny, seed: 2);
        using var x = Sequences(8);
        float Bound(ulong seed)
        {
            using var g = new Generator(seed, torch.CPU);
            using var b = VrnnObjective.Bound(kind, network, x, 4, g).mean();
            return b.item<float>();
        }
        Assert.That(Bound(3), Is.EqualTo(Bound(3)));
        Assert.That(Bound(3), Is.Not.EqualTo(Bound(4)));

        using var g = new Generator(3, torch.CPU);
        using var loss = -VrnnObjective.Bound(kind, network, x, 4, g).mean();
        loss.backward();
        foreach (var (name, p) in network.named_parameters())
        {
            Assert.That(p.grad, Is.Not.Null, name);
            Assert.That(p.grad!.abs().sum().item<float>(), Is.GreaterThan(0).And.LessThan(float.PositiveInfinity), name);
        }
    }

    [Test]
    public void SequencesOfAnotherWidthAreRefused()
    {
        using var network = new VrnnNetwork(Tiny, seed: 1);
        using var g = new Generator(1, torch.CPU);
        using var wrong = zeros([2, 5, 7]);
        Assert.Throws<ArgumentException>(() => VrnnObjective.LogWeights(network, wrong, 2, g));
        using var flat = zeros([2, 6]);
        Assert.Throws<ArgumentException>(() => VrnnObjective.Fivo(network, flat, 2, g));
        using var x = Sequences(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => VrnnObjective.Fivo(network, x, 0, g));
    }
}
