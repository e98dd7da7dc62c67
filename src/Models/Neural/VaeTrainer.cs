// Trains a BinaryVae by maximising the IWAE_k bound with Adam.
// Reproducible: the initial weights come from the BinaryVae seed, the data order of epoch e is a
// Fisher–Yates shuffle driven by SplitMix64(seed, e), the ε draws come from one torch Generator
// seeded from the same seed, and libtorch runs with a fixed number of intra-op threads. Same seed,
// same data, same thread count → the same fingerprint.
using System.Diagnostics;
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Mini-batch Adam training of a <see cref="BinaryVae"/> on the IWAE_k objective.</summary>
public static class VaeTrainer
{
    /// <summary>Trains on a fixed set of binary images.</summary>
    public static VaeTrainingResult Train(BinaryVae vae, BinaryImages data, VaeTrainingOptions options,
        Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default) =>
        Train(vae, _ => data, options, progress, cancel);

    /// <summary>Trains with a data set per epoch (epoch from 1), e.g. a fresh dynamic binarisation each epoch.</summary>
    /// <exception cref="ArgumentException">The data's image size is not the model's pixel count, or the set is empty.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps.</exception>
    public static VaeTrainingResult Train(BinaryVae vae, Func<int, BinaryImages> epochData, VaeTrainingOptions options,
        Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(epochData);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(options.Threads);
        int pixels = vae.Shape.Pixels;
        using var generator = new Generator(unchecked((ulong)options.Seed) ^ 0x5EED_E95Cul, torch.CPU);
        using var adam = optim.Adam(vae.parameters(), lr: options.LearningRate, beta1: 0.9, beta2: 0.999, eps: options.AdamEpsilon);
        vae.train();

        var losses = new List<double>();
        var seconds = new List<double>();
        var batchBits = new byte[options.BatchSize * pixels];
        float[] scratch = [];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            BinaryImages data = epochData(epoch);
            if (data.PixelsPerImage != pixels)
                throw new ArgumentException($"Images have {data.PixelsPerImage} pixels; the model expects {pixels}.", nameof(epochData));
            if (data.Count == 0) throw new ArgumentException("The training set is empty.", nameof(epochData));
            int[] order = Shuffle(data.Count, unchecked((ulong)options.Seed), epoch);
            int steps = (data.Count + options.BatchSize - 1) / options.BatchSize;
            double sum = 0;
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                int first = step * options.BatchSize;
                int b = Math.Min(options.BatchSize, data.Count - first);
                for (int r = 0; r < b; r++)
                    data.Image(order[first + r]).CopyTo(batchBits.AsSpan(r * pixels, pixels));
                using var scope = NewDisposeScope();
                Tensor x = TensorIo.FromBits(batchBits, b, pixels, ref scratch);
                adam.zero_grad();
                Tensor loss = -IwaeObjective.Bound(IwaeObjective.LogWeights(vae, x, options.K, generator)).mean();
                loss.backward();
                adam.step();
                sum += loss.item<float>();
                progress?.Invoke(new VaeTrainingProgress(epoch, step + 1, steps, sum / (step + 1), clock.Elapsed.TotalSeconds));
            }
            losses.Add(sum / steps);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        vae.eval();
        return new VaeTrainingResult(losses, seconds);
    }

    /// <summary>The data order of <paramref name="epoch"/>: a permutation of 0..count−1 fixed by (seed, epoch).</summary>
    internal static int[] Shuffle(int count, ulong seed, int epoch)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        var rng = new SplitMix64(SplitMix64.Derive(seed, epoch));
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)rng.NextBelow((uint)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
