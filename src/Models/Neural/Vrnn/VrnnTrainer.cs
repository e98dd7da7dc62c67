// Trains a VrnnNetwork on binary images read as sequences (row t of an image is x_t, so T = rows, X = columns) by
// maximising the ELBO, IWAE(N) or FIVO(N) bound with Adam and gradient-norm clipping.
// Reproducible as VaeTrainer: the initial weights come from the network seed, epoch e's data order is VaeTrainer.Shuffle's
// permutation for (seed, e), the ε and ancestor draws come from one torch Generator seeded from the same seed, and libtorch
// runs a fixed number of threads. A step whose loss or gradient is not finite is skipped (and counted), as CifTrainer does,
// rather than let one bad batch turn every weight into NaN.
using System.Diagnostics;
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Mini-batch Adam training of a <see cref="VrnnNetwork"/>.</summary>
public static class VrnnTrainer
{
    /// <summary>Trains on a fixed set of binary images (one sequence of rows each).</summary>
    public static VrnnTrainingResult Train(VrnnNetwork network, BinaryImages data, VrnnTrainingOptions options,
        Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default) =>
        Train(network, _ => data, options, progress, cancel);

    /// <summary>Trains with a data set per epoch (epoch from 1), e.g. a fresh dynamic binarisation each epoch. Progress reports
    /// the epoch's mean loss so far in nats per sequence.</summary>
    /// <exception cref="ArgumentException">The images' width is not the network's symbol count, or the set is empty.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between steps.</exception>
    public static VrnnTrainingResult Train(VrnnNetwork network, Func<int, BinaryImages> epochData, VrnnTrainingOptions options,
        Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(epochData);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(options.Threads);
        using var generator = new Generator(unchecked((ulong)options.Seed) ^ 0x5EED_7122ul, torch.CPU);
        using var adam = optim.Adam(network.parameters(), lr: options.LearningRate);
        network.train();

        var losses = new List<double>();
        var seconds = new List<double>();
        var guarded = new GuardedSteps(network, adam, options.MaxGradNorm);
        byte[] batchBits = [];
        float[] scratch = [];
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            BinaryImages data = epochData(epoch);
            CheckData(network, data, nameof(epochData));
            int length = data.PixelsPerImage;
            if (batchBits.Length < options.BatchSize * length) batchBits = new byte[options.BatchSize * length];
            int[] order = VaeTrainer.Shuffle(data.Count, unchecked((ulong)options.Seed), epoch);
            int steps = (data.Count + options.BatchSize - 1) / options.BatchSize;
            guarded.NextEpoch();
            var clock = Stopwatch.StartNew();
            for (int step = 0; step < steps; step++)
            {
                cancel.ThrowIfCancellationRequested();
                int first = step * options.BatchSize, b = Math.Min(options.BatchSize, data.Count - first);
                for (int r = 0; r < b; r++)
                    data.Image(order[first + r]).CopyTo(batchBits.AsSpan(r * length, length));
                using var scope = NewDisposeScope();
                Tensor x = TensorIo.FromBits(batchBits, b, length, ref scratch).reshape(b, data.Rows, data.Cols);
                adam.zero_grad();
                Tensor loss = -VrnnObjective.Bound(options.Objective, network, x, options.Particles, generator).mean();
                guarded.Step(loss);
                progress?.Invoke(new VaeTrainingProgress(epoch, step + 1, steps, guarded.EpochMean, clock.Elapsed.TotalSeconds));
            }
            losses.Add(guarded.EpochMean);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        network.eval();
        return new VrnnTrainingResult(losses, seconds, guarded.Skipped);
    }

    /// <summary>Throws unless <paramref name="data"/> holds sequences the network reads: rows of its symbol count, at least one.</summary>
    /// <exception cref="ArgumentException">The images' width differs from the symbol count, or there are none.</exception>
    internal static void CheckData(VrnnNetwork network, BinaryImages data, string parameter)
    {
        if (data.Cols != network.Shape.Symbols)
            throw new ArgumentException($"Images have {data.Cols} columns; the VRNN reads rows of {network.Shape.Symbols} symbols.", parameter);
        if (data.Count == 0) throw new ArgumentException("The set of sequences is empty.", parameter);
    }
}
