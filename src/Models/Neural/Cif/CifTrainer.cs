// CifTrainer: trains a CifNetwork on 8-bit images by maximising the IWAE_K bound of the uniformly dequantised data
// (x + v) / 2^b, v ~ U[0, 1)^D, with Adam and gradient-norm clipping; Evaluate measures the bound on held-out images.
// Reproducible as VaeTrainer: initial weights from the network seed, epoch e's data order a Fisher–Yates shuffle driven by
// SplitMix64(seed, e), the dequantisation and index draws from one torch Generator seeded from the same seed, a fixed
// thread count. Losses are in bits per dimension of the 8-bit symbols: -log2 p(x~) / D + b. A step whose loss or gradient is not
// finite is skipped (Skipped counts them) rather than let one bad batch turn every weight into NaN.
using System.Diagnostics;
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Mini-batch Adam training of a <see cref="CifNetwork"/> on the dequantised IWAE_K objective.</summary>
public static class CifTrainer
{

    /// <summary>Trains on <paramref name="data"/> (grey-scale images of the network's size); returns the mean loss of every epoch
    /// (bits per dimension), its seconds, and the steps skipped because the loss or the gradient was not finite.</summary>
    /// <exception cref="ArgumentException">The images have another size, or there are none.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps.</exception>
    public static (IReadOnlyList<double> EpochBitsPerDim, IReadOnlyList<double> EpochSeconds, int SkippedSteps) Train(CifNetwork network, ImageSet data, CifTrainingOptions options,
        Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int d = network.Shape.Dims;
        if (data.PixelsPerImage != d) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the model expects {d}.", nameof(data));
        if (data.Count == 0) throw new ArgumentException("The training set is empty.", nameof(data));
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(options.Threads);
        using var generator = new Generator(unchecked((ulong)options.Seed) ^ 0xC1F0_5EEDul, torch.CPU);
        using var adam = optim.Adam(network.parameters(), lr: options.LearningRate);
        network.train();
        var losses = new List<double>();
        var seconds = new List<double>();
        var guarded = new GuardedSteps(network, adam, options.MaxGradNorm);
        var batch = new float[options.BatchSize * d];
        float[] scratch = [];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            int[] order = VaeTrainer.Shuffle(data.Count, unchecked((ulong)options.Seed), epoch);
            int steps = (data.Count + options.BatchSize - 1) / options.BatchSize;
            guarded.NextEpoch();
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                int first = step * options.BatchSize, rows = Math.Min(options.BatchSize, data.Count - first);
                for (int r = 0; r < rows; r++)
                {
                    ReadOnlySpan<byte> image = data.Image(order[first + r]);
                    for (int i = 0; i < d; i++) batch[r * d + i] = image[i];
                }
                using var scope = NewDisposeScope();
                Tensor loss = BitsPerDim(network, TensorIo.FromFloats(batch, rows, d, ref scratch), options.K, generator).mean();
                adam.zero_grad();
                guarded.Step(loss);
                progress?.Invoke(new VaeTrainingProgress(epoch, step + 1, steps, guarded.EpochMean, clock.Elapsed.TotalSeconds));
            }
            losses.Add(guarded.EpochMean);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        network.eval();
        return (losses, seconds, guarded.Skipped);
    }

    /// <summary>−IWAE_K (K = 1: −ELBO) of the dequantised images in bits per dimension, averaged over <paramref name="data"/>.</summary>
    public static double Evaluate(CifNetwork network, ImageSet data, int k = 1, long seed = 1, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        int d = network.Shape.Dims;
        if (data.PixelsPerImage != d) throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the model expects {d}.", nameof(data));
        using var generator = new Generator(unchecked((ulong)seed) ^ 0xE7A1_5EEDul, torch.CPU);
        using var noGrad = torch.no_grad();
        var batch = new float[batchSize * d];
        float[] scratch = [];
        double sum = 0;
        for (int first = 0; first < data.Count; first += batchSize)
        {
            int rows = Math.Min(batchSize, data.Count - first);
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<byte> image = data.Image(first + r);
                for (int i = 0; i < d; i++) batch[r * d + i] = image[i];
            }
            using var scope = NewDisposeScope();
            sum += BitsPerDim(network, TensorIo.FromFloats(batch, rows, d, ref scratch), k, generator).sum().item<float>();
        }
        return sum / data.Count;
    }

    // Per image: -log2 mean_k w_k / D + b, with x~ = (pixels + v) / 2^b and K index draws per image.
    private static Tensor BitsPerDim(CifNetwork network, Tensor pixels, int k, Generator generator)
    {
        int b = network.Shape.SymbolBits;
        long rows = pixels.shape[0], d = pixels.shape[1];
        if (network.Shape.IndexDims == 0) k = 1;
        // Scalars held by `using` until the method returns (KeptScalars says why).
        using Scalar scale = Math.ScaleB(1.0, -b).ToScalar(), logK = Math.Log(k).ToScalar(), perDim = (-1.0 / (d * Math.Log(2))).ToScalar(),
            bits = ((double)b).ToScalar();
        Tensor x = (pixels + torch.rand(pixels.shape, generator: generator)).mul(scale);
        Tensor logW = network.LogWeights(k == 1 ? x : x.repeat(k, 1), generator).reshape(k, rows);
        return logW.logsumexp(0).sub(logK).mul(perDim).add(bits);
    }
}
