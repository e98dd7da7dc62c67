// The coder-facing view of a trained VRNN: spans in, spans out, float32, no autograd. The coders need four batched
// computations, each one libtorch pass over all the rows they hand over (all chains × particles of a step):
//   Advance      (s_{t-1}, x_t, z_t) -> s_t: the GRU step h_t plus what step t + 1 needs of h_t alone — the prior's mean
//                and log std and the h-part of the proposal's hidden layer (VrnnNetwork's header) — so the state words
//                a particle carries answer its prior and half its proposal without another network call;
//   Observed     x_t -> the x-part of the proposal's hidden layer (once per chain and step);
//   Logits       (h_{t-1}, z_t) -> the Bernoulli logits of p(x_t | z_t, h_{t-1});
//   the proposal's output layer, per particle, outside libtorch (ProposalHead: fixed-order float sums and
//   DeterministicMath.Tanh), from the two parts — a few hundred multiply-adds.
// Rows must not depend on the batch around them (the decoder evaluates the lineage alone, the encoder whole steps), so
// every pass is cut into RowBlocks as VaeModel's are (its header has the measurements). The numeric backend string
// names the libtorch build, dtype, threads and the CPU's vector extensions that libtorch's kernels dispatch on, so a
// decoder on a machine that would compute other floats refuses the message instead of mis-decoding it.
using System.Runtime.Intrinsics.X86;
using Engine.Ans.Quantization;
using Engine.Models.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Inference-only access to a <see cref="VrnnNetwork"/> for the coders. Not thread-safe.</summary>
public sealed class VrnnModel : IDisposable
{
    private readonly VrnnNetwork _net;
    private readonly float[] _headWeight, _headBias;
    private float[] _scratchA = [], _scratchB = [], _scratchC = [], _scratchD = [];

    /// <summary>Wraps a network and its checkpoint's fingerprint; the model takes ownership of <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="fingerprint"/> is not the network's.</exception>
    public VrnnModel(VrnnNetwork network, string fingerprint, string description = "")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(fingerprint);
        string actual = ModelFingerprint.Compute(network);
        if (actual != fingerprint)
            throw new ArgumentException($"Fingerprint {fingerprint} is not the network's ({actual}).", nameof(fingerprint));
        _net = network;
        _net.eval();
        Fingerprint = fingerprint;
        Description = description;
        (_headWeight, _headBias) = network.ProposalOutput();
        Shape = network.Shape;
        var zeros = new float[Shape.Hidden];
        InitialPriorMean = new float[Shape.Latents];
        InitialPriorLogStd = new float[Shape.Latents];
        InitialProposalState = new float[Shape.Features];
        using var noGrad = torch.no_grad();
        using var scope = NewDisposeScope();
        Tensor h = torch.zeros([RowBlocks.Size, Shape.Hidden]);
        var (m, s) = _net.Prior(h);
        TensorIo.CopyTo(m, InitialPriorMean);
        TensorIo.CopyTo(s, InitialPriorLogStd);
        TensorIo.CopyTo(_net.ProposalFromState(h), InitialProposalState);
    }

    /// <summary>Loads a checkpoint (VrnnCheckpoint.Load: header and tensors checked before the network is built); the description
    /// names the training classes and binarisation, and <see cref="Header"/> keeps the rest.</summary>
    /// <exception cref="CheckpointFormatException">Malformed file or fingerprint mismatch.</exception>
    public static VrnnModel Load(string path)
    {
        var (network, header) = VrnnCheckpoint.Load(path);
        return new VrnnModel(network, header.Fingerprint, $"classes={header.Classes} binarization={header.Binarization}") { Header = header };
    }

    /// <summary>The checkpoint header the model was loaded from (null for a network built in code).</summary>
    public VrnnCheckpointHeader? Header { get; private init; }

    /// <summary>Binarises grey-scale images as the checkpoint's training and test data were (its rule and seed; threshold without a
    /// header). Each image is then a sequence: its rows are the steps.</summary>
    /// <exception cref="ArgumentException">The images' rows do not have <see cref="VrnnShape.Symbols"/> pixels.</exception>
    public BinaryImages Prepare(ImageSet images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Cols != Shape.Symbols)
            throw new ArgumentException($"Image rows have {images.Cols} pixels; the model reads {Shape.Symbols} a step.", nameof(images));
        return Binarizer.Apply(images, Header?.Binarization ?? BinarizationMode.Threshold, Header?.BinarizationSeed ?? 0);
    }

    /// <summary>Layer sizes.</summary>
    public VrnnShape Shape { get; }

    /// <summary>SHA-256 hex of the parameters; messages record it and decode checks it.</summary>
    public string Fingerprint { get; }

    /// <summary>What the checkpoint says about the model's data (classes, binarisation), for the message's description.</summary>
    public string Description { get; }

    /// <summary>Words of a particle's state: h_t (H), the next prior's mean and log std (Z each), the proposal's h-part (F).</summary>
    public int StateWords => Shape.Hidden + 2 * Shape.Latents + Shape.Features;

    /// <summary>Offset of the prior's mean in the state (log std follows, Z words later).</summary>
    public int PriorOffset => Shape.Hidden;

    /// <summary>Offset of the proposal's h-part in the state.</summary>
    public int ProposalOffset => Shape.Hidden + 2 * Shape.Latents;

    /// <summary>p(z_0) = the prior at h_{-1} = 0: means.</summary>
    public float[] InitialPriorMean { get; }

    /// <summary>p(z_0): log standard deviations.</summary>
    public float[] InitialPriorLogStd { get; }

    /// <summary>The proposal's h-part at h_{-1} = 0.</summary>
    public float[] InitialProposalState { get; }

    /// <summary>The numerical backend of the float outputs: libtorch CPU via TorchSharp, float32, threads, the CPU's vector extensions.</summary>
    public static string Backend =>
        $"libtorch-cpu/TorchSharp {typeof(torch).Assembly.GetName().Version}/float32/threads={torch.get_num_threads()}/cpu={CpuCapability}";

    /// <summary>The widest x86 vector extension libtorch would dispatch its kernels on here (or the architecture elsewhere), or the
    /// ATEN_CPU_CAPABILITY override when set.</summary>
    public static string CpuCapability =>
        Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") is { Length: > 0 } forced ? forced.ToLowerInvariant()
        : Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512Vbmi.IsSupported ? "avx512"
        : Avx2.IsSupported && Fma.IsSupported ? "avx2"
        : System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    /// <summary>One step of <paramref name="count"/> particles: from the parents' h_{t-1} (count × H, or empty at t = 0: h = 0),
    /// x_t (count × X bytes 0/1) and z_t (count × Z floats: the buckets' points), writes each particle's new state (count × StateWords).</summary>
    public void Advance(ReadOnlySpan<float> parents, ReadOnlySpan<byte> observed, ReadOnlySpan<float> latents, int count, Span<float> states)
    {
        int hw = Shape.Hidden, x = Shape.Symbols, z = Shape.Latents, words = StateWords;
        Check(count, observed.Length, x, nameof(observed));
        Check(count, latents.Length, z, nameof(latents));
        Check(count, states.Length, words, nameof(states));
        ReadOnlySpan<float> h = Hidden(parents, count);
        if (count == 0) return;
        using var noGrad = torch.no_grad();
        int block = RowBlocks.BlockRows(count);
        for (int first = 0; first < count; first += block)
        {
            int rows = Math.Min(block, count - first);
            using var scope = NewDisposeScope();
            Tensor hPrev = Block(h, first, rows, hw, ref _scratchA), zs = Block(latents, first, rows, z, ref _scratchD);
            Tensor xs = TensorIo.FromBits(observed.Slice(first * x, rows * x), rows, x, ref _scratchB, RowBlocks.Padded(rows));
            Tensor hNext = _net.Recur(hPrev, _net.ObservedFeatures(xs), _net.LatentFeatures(zs));
            var (mean, logStd) = _net.Prior(hNext);
            Tensor all = torch.cat([hNext, mean, logStd, _net.ProposalFromState(hNext)], -1);
            TensorIo.CopyTo(all, states.Slice(first * words, rows * words));
        }
    }

    /// <summary>The x-part of the proposal's hidden layer for <paramref name="count"/> observations (count × X bytes 0/1) → count × F.</summary>
    public void ObservedPart(ReadOnlySpan<byte> observed, int count, Span<float> parts)
    {
        int x = Shape.Symbols, f = Shape.Features;
        Check(count, observed.Length, x, nameof(observed));
        Check(count, parts.Length, f, nameof(parts));
        if (count == 0) return;
        using var noGrad = torch.no_grad();
        int block = RowBlocks.BlockRows(count);
        for (int first = 0; first < count; first += block)
        {
            int rows = Math.Min(block, count - first);
            using var scope = NewDisposeScope();
            Tensor xs = TensorIo.FromBits(observed.Slice(first * x, rows * x), rows, x, ref _scratchB, RowBlocks.Padded(rows));
            TensorIo.CopyTo(_net.ProposalFromObserved(_net.ObservedFeatures(xs)), parts.Slice(first * f, rows * f));
        }
    }

    /// <summary>Bernoulli logits of p(x_t | z_t, h_{t-1}) for <paramref name="count"/> particles: parents' h_{t-1} (count × H, or
    /// empty at t = 0) and z_t (count × Z bucket points) → count × X.</summary>
    public void Logits(ReadOnlySpan<float> parents, ReadOnlySpan<float> latents, int count, Span<float> logits)
    {
        int hw = Shape.Hidden, x = Shape.Symbols, z = Shape.Latents;
        Check(count, latents.Length, z, nameof(latents));
        Check(count, logits.Length, x, nameof(logits));
        ReadOnlySpan<float> h = Hidden(parents, count);
        if (count == 0) return;
        using var noGrad = torch.no_grad();
        int block = RowBlocks.BlockRows(count);
        for (int first = 0; first < count; first += block)
        {
            int rows = Math.Min(block, count - first);
            using var scope = NewDisposeScope();
            Tensor hPrev = Block(h, first, rows, hw, ref _scratchA), zs = Block(latents, first, rows, z, ref _scratchD);
            TensorIo.CopyTo(_net.DecoderLogits(hPrev, _net.LatentFeatures(zs)), logits.Slice(first * x, rows * x));
        }
    }

    /// <summary>q(z_{t,l} | h_{t-1}, x_t) of one particle from the proposal's h-part (F floats) and x-part (F floats): mean and
    /// log std of dimension <paramref name="l"/>. Plain float arithmetic in a fixed order (the same bits on every machine with
    /// IEEE float32) and a deterministic tanh; <paramref name="hidden"/> (F floats) is scratch the caller may reuse across
    /// dimensions of one particle by passing <paramref name="ready"/> = true after the first.</summary>
    public (double Mean, double LogStd) ProposalHead(ReadOnlySpan<float> fromState, ReadOnlySpan<float> fromObserved, int l, Span<float> hidden, bool ready)
    {
        int f = Shape.Features, z = Shape.Latents;
        if (!ready)
            for (int k = 0; k < f; k++) hidden[k] = (float)DeterministicMath.Tanh(fromState[k] + fromObserved[k]);
        ReadOnlySpan<float> wm = _headWeight.AsSpan(l * f, f), ws = _headWeight.AsSpan((z + l) * f, f);
        float mean = _headBias[l], logStd = _headBias[z + l];
        for (int k = 0; k < f; k++)
        {
            mean += wm[k] * hidden[k];
            logStd += ws[k] * hidden[k];
        }
        return (mean, logStd);
    }

    /// <inheritdoc/>
    public void Dispose() => _net.Dispose();

    // Rows first .. first + rows - 1 of a row-major float block (width values a row) as a tensor padded to the row block.
    private static Tensor Block(ReadOnlySpan<float> values, int first, int rows, int width, ref float[] scratch) =>
        TensorIo.FromFloats(values.Slice(first * width, rows * width), rows, width, ref scratch, RowBlocks.Padded(rows));

    // The parents' h_{t-1} rows, or count zero rows at t = 0 (no parents).
    private ReadOnlySpan<float> Hidden(ReadOnlySpan<float> parents, int count)
    {
        int hw = Shape.Hidden;
        if (!parents.IsEmpty)
        {
            Check(count, parents.Length, hw, nameof(parents));
            return parents[..(count * hw)];
        }
        if (_scratchC.Length < count * hw) _scratchC = new float[count * hw];
        _scratchC.AsSpan(0, count * hw).Clear();
        return _scratchC.AsSpan(0, count * hw);
    }

    private static void Check(int count, int length, int width, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)count * width > length)
            throw new ArgumentException($"{name} holds {length} values; {count} rows of {width} need {(long)count * width}.", name);
    }
}
