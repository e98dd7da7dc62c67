// Scores a VrnnNetwork on held-out binary images read as sequences of rows: with N particles per sequence it reports −ELBO
// and −IWAE(N) (one pass of independent particles) and −FIVO(N) (a second pass, the resampling particle filter), in bits per
// dimension. Runs under no_grad with its own seeded generator, so a score is reproducible.
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Held-out −ELBO, −IWAE(N) and −FIVO(N) of a <see cref="VrnnNetwork"/> in bits/dim.</summary>
public static class VrnnEvaluator
{
    /// <summary>Scores <paramref name="sequences"/> with <paramref name="particles"/> particles each, <paramref name="batchSize"/> sequences per pass.</summary>
    /// <exception cref="ArgumentException">The images' width is not the network's symbol count, or the set is empty.</exception>
    public static VrnnScore Evaluate(VrnnNetwork network, BinaryImages sequences, int particles = 16, int batchSize = 100, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        VrnnTrainer.CheckData(network, sequences, nameof(sequences));
        TorchRuntime.EnsureLoaded();
        bool wasTraining = network.training;
        network.eval();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(seed, torch.CPU);
        int length = sequences.PixelsPerImage;
        float[] scratch = [];
        double elbo = 0, iwae = 0, fivo = 0;
        for (int first = 0; first < sequences.Count; first += batchSize)
        {
            int b = Math.Min(batchSize, sequences.Count - first);
            using var scope = NewDisposeScope();
            Tensor x = TensorIo.FromBits(sequences.Bits.AsSpan(first * length, b * length), b, length, ref scratch)
                .reshape(b, sequences.Rows, sequences.Cols);
            Tensor logW = VrnnObjective.LogWeights(network, x, particles, generator).to_type(ScalarType.Float64);
            elbo += VrnnObjective.Elbo(logW).sum().item<double>();
            iwae += VrnnObjective.Iwae(logW).sum().item<double>();
            fivo += VrnnObjective.Fivo(network, x, particles, generator).to_type(ScalarType.Float64).sum().item<double>();
        }
        if (wasTraining) network.train();
        int n = sequences.Count;
        return new VrnnScore(IwaeObjective.NatsToBitsPerDim(elbo / n, length), IwaeObjective.NatsToBitsPerDim(iwae / n, length),
            IwaeObjective.NatsToBitsPerDim(fivo / n, length), particles, n);
    }
}
