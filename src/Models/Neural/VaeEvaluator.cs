// Scores a BinaryVae on held-out binary images: with k importance samples per image it reports
// −ELBO (mean of −log w over the samples) and −IWAE_k (−logsumexp + log k), in bits per pixel.
// Runs under no_grad with its own seeded generator, so a score is reproducible.
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Held-out −ELBO and −IWAE(k) of a <see cref="BinaryVae"/> in bits/dim.</summary>
public static class VaeEvaluator
{
    /// <summary>Scores <paramref name="images"/> with <paramref name="k"/> samples each, <paramref name="batchSize"/> images per pass.</summary>
    /// <exception cref="ArgumentException">Image size differs from the model's, or the set is empty.</exception>
    public static VaeScore Evaluate(BinaryVae vae, BinaryImages images, int k = 50, int batchSize = 100, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int pixels = vae.Shape.Pixels;
        if (images.PixelsPerImage != pixels)
            throw new ArgumentException($"Images have {images.PixelsPerImage} pixels; the model expects {pixels}.", nameof(images));
        if (images.Count == 0) throw new ArgumentException("Nothing to evaluate.", nameof(images));
        TorchRuntime.EnsureLoaded();
        bool wasTraining = vae.training;
        vae.eval();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(seed, torch.CPU);
        float[] scratch = [];
        double elbo = 0, iwae = 0;
        for (int first = 0; first < images.Count; first += batchSize)
        {
            int b = Math.Min(batchSize, images.Count - first);
            using var scope = NewDisposeScope();
            Tensor x = TensorIo.FromBits(images.Bits.AsSpan(first * pixels, b * pixels), b, pixels, ref scratch);
            Tensor logW = IwaeObjective.LogWeights(vae, x, k, generator).to_type(ScalarType.Float64);
            elbo += logW.mean([0]).sum().item<double>();
            iwae += IwaeObjective.Bound(logW).sum().item<double>();
        }
        if (wasTraining) vae.train();
        int n = images.Count;
        return new VaeScore(IwaeObjective.NatsToBitsPerDim(elbo / n, pixels), IwaeObjective.NatsToBitsPerDim(iwae / n, pixels), k, n);
    }
}
