// The IWAE objective against an independent computation: for a one-latent model, log p(x) by
// quadrature over z must match IWAE_k for large k, and sit above the ELBO.
using Engine.Models.Data;
using Engine.Models.Neural;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Tests.Neural;

public class IwaeObjectiveTests
{
    [SetUp]
    public void Threads()
    {
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(1);
    }

    private static double[] LogPxByQuadrature(BinaryVae vae, float[] x, int batch, int pixels)
    {
        // p(x) = ∫ N(z; 0, 1) Π_d Bern(x_d; σ(f_d(z))) dz on a fine grid (float64 after the network).
        const int grid = 8001;
        const double lo = -9, hi = 9, h = (hi - lo) / (grid - 1);
        var z = new float[grid];
        for (int g = 0; g < grid; g++) z[g] = (float)(lo + g * h);
        using var noGrad = torch.no_grad();
        using var zt = torch.tensor(z, [grid, 1]);
        using var logits = vae.DecodeLogits(zt).to_type(ScalarType.Float64);
        double[] l = logits.data<double>().ToArray();
        var result = new double[batch];
        for (int b = 0; b < batch; b++)
        {
            var terms = new double[grid];
            double max = double.NegativeInfinity;
            for (int g = 0; g < grid; g++)
            {
                double s = -0.5 * z[g] * z[g] - 0.5 * Math.Log(2 * Math.PI);
                for (int d = 0; d < pixels; d++)
                {
                    double a = l[g * pixels + d];
                    // log σ(a) = −softplus(−a); log(1 − σ(a)) = −softplus(a)
                    s += x[b * pixels + d] == 1 ? -Softplus(-a) : -Softplus(a);
                }
                terms[g] = s;
                max = Math.Max(max, s);
            }
            double sum = 0;
            for (int g = 0; g < grid; g++) sum += Math.Exp(terms[g] - max) * ((g == 0 || g == grid - 1) ? 0.5 : 1);
            result[b] = max + Math.Log(sum * h);
        }
        return result;
    }

    private static double Softplus(double a) => a > 30 ? a : Math.Log(1 + Math.Exp(a));

    [Test]
    public void LargeKIwaeMatchesQuadratureAndBoundsAreOrdered()
    {
        var shape = new VaeShape(Pixels: 6, Hidden: 5, Latents: 1);
        using var vae = new BinaryVae(shape, seed: 11);
        var x = new float[] { 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
        using var xt = torch.tensor(x, [3, 6]);
        double[] exact = LogPxByQuadrature(vae, x, 3, 6);
        using var gen = new Generator(5, torch.CPU);
        using var noGrad = torch.no_grad();
        using var logW = IwaeObjective.LogWeights(vae, xt, 20000, gen).to_type(ScalarType.Float64);
        using var iwae = IwaeObjective.Bound(logW);
        using var elbo = logW.mean([0]);
        double[] iw = iwae.data<double>().ToArray(), el = elbo.data<double>().ToArray();
        for (int b = 0; b < 3; b++)
        {
            Assert.That(iw[b], Is.EqualTo(exact[b]).Within(0.02), $"image {b}");
            Assert.That(el[b], Is.LessThan(exact[b] + 0.01), $"ELBO above log p(x) for image {b}");
        }
    }

    [Test]
    public void ShapeAndKEqualsOne()
    {
        using var vae = new BinaryVae(new VaeShape(9, 4, 2), seed: 1);
        using var x = torch.ones(7, 9);
        using var gen = new Generator(2, torch.CPU);
        using var noGrad = torch.no_grad();
        using var logW = IwaeObjective.LogWeights(vae, x, 3, gen);
        Assert.That(logW.shape, Is.EqualTo(new long[] { 3, 7 }));
        using var one = IwaeObjective.LogWeights(vae, x, 1, gen);
        using var bound = IwaeObjective.Bound(one);
        Assert.That(bound.data<float>().ToArray(), Is.EqualTo(one[0].data<float>().ToArray()).Within(1e-5f));
    }

    [Test]
    public void NatsToBitsPerDim() =>
        Assert.That(IwaeObjective.NatsToBitsPerDim(-784 * Math.Log(2), 784), Is.EqualTo(1.0).Within(1e-12));

    [Test]
    public void EvaluatorOrdersTheBoundsAndIsReproducible()
    {
        var data = SyntheticBinary.Make(60, 4);
        using var vae = new BinaryVae(new VaeShape(16, 8, 2), seed: 4);
        VaeScore a = VaeEvaluator.Evaluate(vae, data, k: 20, batchSize: 25, seed: 9);
        VaeScore b = VaeEvaluator.Evaluate(vae, data, k: 20, batchSize: 25, seed: 9);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.NegIwaeBitsPerDim, Is.LessThan(a.NegElboBitsPerDim));
        Assert.That(a.Images, Is.EqualTo(60));
        VaeScore k1 = VaeEvaluator.Evaluate(vae, data, k: 1, batchSize: 25, seed: 9);
        Assert.That(k1.NegIwaeBitsPerDim, Is.EqualTo(k1.NegElboBitsPerDim).Within(1e-9));
    }

    [Test]
    public void EvaluatorRejectsWrongImageSize()
    {
        using var vae = new BinaryVae(new VaeShape(16, 8, 2), seed: 4);
        Assert.Throws<ArgumentException>(() => VaeEvaluator.Evaluate(vae, SyntheticBinary.Make(5, 3)));
    }
}
