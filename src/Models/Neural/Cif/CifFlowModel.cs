// CifFlowModel: a trained CifNetwork as a model of the local bits-back coders' contract (Engine.Modeling.Flows.ICifModel).
// The shape's stages are the network's checkerboard masks; the identity is "cif <shape> classes=.." with the SHA-256
// parameter fingerprint and the numeric backend (libtorch build, float32, threads) that computed the floats, which messages
// record and decode checks. A session answers each batched question with forward passes cut by RowBlocks (a row's output
// depends only on that row, whatever batch it comes in), inputs rounded from double to float32 and outputs widened back —
// the same bits in both directions. The network is not thread-safe: sessions serialise their calls on it.
using System.Globalization;
using Engine.Modeling;
using Engine.Modeling.Flows;
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>A neural CIF on images as an <see cref="ICifModel"/>.</summary>
public sealed class CifFlowModel : ICifModel, IDisposable
{
    /// <summary>Prefix of every neural CIF description.</summary>
    public const string DescriptionPrefix = "cif ";

    private readonly CifNetwork _network;
    private readonly object _gate = new();

    /// <summary>Wraps a network and its checkpoint header (the model takes ownership of <paramref name="network"/>).</summary>
    /// <exception cref="ArgumentException">The header's fingerprint is not the network's.</exception>
    public CifFlowModel(CifNetwork network, CifCheckpointHeader header)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(header);
        string actual = ModelFingerprint.Compute(network);
        if (actual != header.Fingerprint)
            throw new ArgumentException($"Header fingerprint {header.Fingerprint} is not the network's ({actual}).", nameof(header));
        _network = network;
        _network.eval();
        Header = header;
        CifNetworkShape s = network.Shape;
        var stages = new byte[s.Layers][];
        for (int l = 0; l < s.Layers; l++) stages[l] = CifNetwork.Stage0Mask(s, l).Select(m => m == 1f ? (byte)0 : (byte)1).ToArray();
        Shape = new CifShape(s.Dims, s.SymbolBits, s.IndexDims, stages);
        Identity = new ModelIdentity(Describe(header), Convert.FromHexString(header.Fingerprint)) { NumericBackend = VaeModel.Backend };
    }

    /// <summary>Loads a checkpoint (<see cref="CifCheckpoint.Load(string)"/>).</summary>
    /// <exception cref="CheckpointFormatException">Malformed file or fingerprint mismatch.</exception>
    public static CifFlowModel Load(string path)
    {
        var (network, header) = CifCheckpoint.Load(path);
        return new CifFlowModel(network, header);
    }

    /// <summary>The checkpoint header.</summary>
    public CifCheckpointHeader Header { get; }

    /// <summary>The network (for evaluation).</summary>
    public CifNetwork Network => _network;

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <inheritdoc />
    public CifShape Shape { get; }

    /// <summary>The description messages record: "cif 28x28 L=8 H=256 U=16 classes=all".</summary>
    public static string Describe(CifCheckpointHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return string.Create(CultureInfo.InvariantCulture, $"{DescriptionPrefix}{header.Shape} classes={header.Classes}");
    }

    /// <inheritdoc />
    public ICifSession OpenSession(int chains) => new Session(this);

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();

    private sealed class Session(CifFlowModel model) : ICifSession
    {
        private float[] _a = [], _b = [], _scratchA = [], _scratchB = [];

        public void IndexPrior(int layer, ReadOnlySpan<double> below, int count, Span<double> mean, Span<double> logStd) =>
            Gaussian(layer, below, count, mean, logStd, prior: true);

        public void IndexPosterior(int layer, ReadOnlySpan<double> above, int count, Span<double> mean, Span<double> logStd) =>
            Gaussian(layer, above, count, mean, logStd, prior: false);

        public void Affine(int layer, int stage, ReadOnlySpan<double> index, ReadOnlySpan<double> above, int count, Span<double> logScale, Span<double> shift)
        {
            CifNetwork net = model._network;
            int d = net.Shape.Dims, u = net.Shape.IndexDims;
            lock (model._gate)
            {
                using var noGrad = torch.no_grad();
                for (int first = 0, block = RowBlocks.BlockRows(count); first < count; first += block)
                {
                    int rows = Math.Min(block, count - first);
                    using var scope = NewDisposeScope();
                    Tensor? indexRows = u == 0 ? null : Rows(index.Slice(first * u, rows * u), rows, u, ref _a, ref _scratchA);
                    var (ls, sh) = net.Coefficients(layer, indexRows, Rows(above.Slice(first * d, rows * d), rows, d, ref _b, ref _scratchB));
                    Widen(ls, logScale.Slice(first * d, rows * d));
                    Widen(sh, shift.Slice(first * d, rows * d));
                }
            }
        }

        public void Dispose()
        {
        }

        // p(u_l | z_l) or q(u_l | z_{l+1}) of count level rows, in the same row blocks.
        private void Gaussian(int layer, ReadOnlySpan<double> level, int count, Span<double> mean, Span<double> logStd, bool prior)
        {
            CifNetwork net = model._network;
            int d = net.Shape.Dims, u = net.Shape.IndexDims;
            lock (model._gate)
            {
                using var noGrad = torch.no_grad();
                for (int first = 0, block = RowBlocks.BlockRows(count); first < count; first += block)
                {
                    int rows = Math.Min(block, count - first);
                    using var scope = NewDisposeScope();
                    Tensor input = Rows(level.Slice(first * d, rows * d), rows, d, ref _b, ref _scratchB);
                    var (m, ls) = prior ? net.IndexPrior(layer, input) : net.IndexPosterior(layer, input);
                    Widen(m, mean.Slice(first * u, rows * u));
                    Widen(ls, logStd.Slice(first * u, rows * u));
                }
            }
        }

        // rows x width doubles as a float32 tensor padded with zero rows (RowBlocks.Padded).
        private static Tensor Rows(ReadOnlySpan<double> values, int rows, int width, ref float[] buffer, ref float[] scratch)
        {
            if (buffer.Length < values.Length) buffer = new float[values.Length];
            for (int i = 0; i < values.Length; i++) buffer[i] = (float)values[i];
            return TensorIo.FromFloats(buffer.AsSpan(0, values.Length), rows, width, ref scratch, RowBlocks.Padded(rows));
        }

        private float[] _out = [];

        private void Widen(Tensor t, Span<double> destination)
        {
            if (_out.Length < destination.Length) _out = new float[destination.Length];
            TensorIo.CopyTo(t, _out.AsSpan(0, destination.Length));
            for (int i = 0; i < destination.Length; i++) destination[i] = _out[i];
        }
    }
}
