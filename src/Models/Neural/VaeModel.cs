// The coder-facing view of a trained VAE: spans in, spans out, float32, no autograd.
// For a batch of images it gives the proposal q(z|x) as a mean and standard deviation per latent;
// for a batch of latents (all chains × particles of one coding step, stacked) it gives each pixel's
// Bernoulli logit or probability in one forward pass. These floats are the one float input of the
// coders (docs/architecture.md#neural-outputs): the quantisers turn them into integer tables, and messages record
// Fingerprint and Backend so a decoder can refuse a different network or numerical backend.
// Each output row must depend only on its own input row, so that a decoder that evaluates another
// set of rows than the encoder did (BB-IS decodes p(x|z_j) before the other particles exist) still
// sees identical floats. libtorch does not promise that: its GEMM picks other kernels for tiny
// batches (measured: rows of a 1..7-row pass differ in the last bit from the same rows in a big
// pass). So every pass is padded with zero rows to a multiple of RowBlock; on one thread the rows came
// out bit-identical at every batch size and position (VaeModelTests). On several threads libtorch also
// splits a big pass differently from a small one (measured: the encoder's row 0 of a 301-row pass
// differed in the last bit from the same row alone, 2 threads), so there every pass runs in separate
// blocks of exactly RowBlock rows, the same computation for a row whatever the batch around it.
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Inference-only access to a <see cref="BinaryVae"/> for bits-back coders. Not thread-safe.</summary>
public sealed class VaeModel : IDisposable
{
    /// <summary>Every forward pass runs on a multiple of this many rows (zero-padded), see the file header.</summary>
    public const int RowBlock = RowBlocks.Size;

    private readonly BinaryVae _vae;
    private float[] _scratch = [];

    /// <summary>Wraps a network and its checkpoint header; the model takes ownership of <paramref name="vae"/>.</summary>
    /// <exception cref="ArgumentException">The header's fingerprint is not that of the network.</exception>
    public VaeModel(BinaryVae vae, VaeCheckpointHeader header)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(header);
        string actual = ModelFingerprint.Compute(vae);
        if (actual != header.Fingerprint)
            throw new ArgumentException($"Header fingerprint {header.Fingerprint} is not the network's ({actual}).", nameof(header));
        _vae = vae;
        _vae.eval();
        Header = header;
    }

    /// <summary>Loads a checkpoint (see <see cref="VaeCheckpoint.Load(string)"/>).</summary>
    /// <exception cref="CheckpointFormatException">Malformed file or fingerprint mismatch.</exception>
    public static VaeModel Load(string path)
    {
        var (vae, header) = VaeCheckpoint.Load(path);
        return new VaeModel(vae, header);
    }

    /// <summary>The checkpoint header (training settings, binarisation, scores).</summary>
    public VaeCheckpointHeader Header { get; }

    /// <summary>SHA-256 hex of the parameters; messages record it and decode checks it.</summary>
    public string Fingerprint => Header.Fingerprint;

    /// <summary>Pixels per image D.</summary>
    public int Pixels => _vae.Shape.Pixels;

    /// <summary>Latents per image L.</summary>
    public int Latents => _vae.Shape.Latents;

    /// <summary>The numerical backend of the float outputs: libtorch CPU via TorchSharp, float32, thread count.</summary>
    public static string Backend =>
        $"libtorch-cpu/TorchSharp {typeof(torch).Assembly.GetName().Version}/float32/threads={torch.get_num_threads()}";

    /// <summary>Binarises grey-scale images exactly as this model's training and test data were (rule and seed from the header).</summary>
    /// <exception cref="ArgumentException">The images do not have <see cref="Pixels"/> pixels.</exception>
    public BinaryImages Prepare(ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.PixelsPerImage != Pixels)
            throw new ArgumentException($"Images have {images.PixelsPerImage} pixels; the model expects {Pixels}.", nameof(images));
        return Binarizer.Apply(images, Header.Binarization, Header.BinarizationSeed);
    }

    /// <summary>q(z|x) for <paramref name="count"/> images (0/1 bytes, count × D): mean and std, each count × L.</summary>
    public void Encode(ReadOnlySpan<byte> images, int count, Span<float> mean, Span<float> std)
    {
        CheckRows(count, images.Length, Pixels, nameof(images));
        CheckRows(count, mean.Length, Latents, nameof(mean));
        CheckRows(count, std.Length, Latents, nameof(std));
        if (count == 0) return;
        if (images[..(count * Pixels)].IndexOfAnyExcept((byte)0, (byte)1) >= 0)
            throw new ArgumentException("Images must hold only 0 and 1.", nameof(images));
        using var noGrad = torch.no_grad();
        int block = BlockRows(count);
        for (int first = 0; first < count; first += block)
        {
            int rows = Math.Min(block, count - first);
            using var blockScope = NewDisposeScope();
            Tensor x = TensorIo.FromBits(images.Slice(first * Pixels, rows * Pixels), rows, Pixels, ref _scratch, Padded(rows));
            var (m, logStd) = _vae.Encode(x);
            TensorIo.CopyTo(m, mean.Slice(first * Latents, rows * Latents));
            TensorIo.CopyTo(logStd.exp(), std.Slice(first * Latents, rows * Latents));
        }
    }

    /// <summary>Bernoulli logits of p(x|z) for <paramref name="count"/> latent vectors (count × L) → count × D.</summary>
    public void DecodeLogits(ReadOnlySpan<float> latents, int count, Span<float> logits)
    {
        CheckRows(count, latents.Length, Latents, nameof(latents));
        CheckRows(count, logits.Length, Pixels, nameof(logits));
        if (count == 0) return;
        using var noGrad = torch.no_grad();
        int block = BlockRows(count);
        for (int first = 0; first < count; first += block)
        {
            int rows = Math.Min(block, count - first);
            using var scope = NewDisposeScope();
            TensorIo.CopyTo(_vae.DecodeLogits(Latent(latents.Slice(first * Latents, rows * Latents), rows)), logits.Slice(first * Pixels, rows * Pixels));
        }
    }

    /// <summary>p(x_d = 1 | z) = sigmoid(logit) for <paramref name="count"/> latent vectors (count × L) → count × D.</summary>
    public void DecodeProbabilities(ReadOnlySpan<float> latents, int count, Span<float> probabilities)
    {
        CheckRows(count, latents.Length, Latents, nameof(latents));
        CheckRows(count, probabilities.Length, Pixels, nameof(probabilities));
        if (count == 0) return;
        using var noGrad = torch.no_grad();
        int block = BlockRows(count);
        for (int first = 0; first < count; first += block)
        {
            int rows = Math.Min(block, count - first);
            using var scope = NewDisposeScope();
            TensorIo.CopyTo(_vae.DecodeLogits(Latent(latents.Slice(first * Latents, rows * Latents), rows)).sigmoid(),
                probabilities.Slice(first * Pixels, rows * Pixels));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _vae.Dispose();

    private Tensor Latent(ReadOnlySpan<float> latents, int count) =>
        TensorIo.FromFloats(latents, count, Latents, ref _scratch, Padded(count));

    /// <summary>Rows per forward pass: all of them on one thread, RowBlock on several (see the file header).</summary>
    private static int BlockRows(int count) => RowBlocks.BlockRows(count);

    private static long Padded(int count) => RowBlocks.Padded(count);

    private static void CheckRows(int count, int length, int width, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)count * width > length)
            throw new ArgumentException($"{name} holds {length} values; {count} rows of {width} need {(long)count * width}.", name);
    }
}
