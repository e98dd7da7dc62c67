// CifShape: the sizes of a CIF that the coders and messages depend on, and each layer's two-stage split of coordinates
// (ICifModel explains the stages). Checked on construction: a layer needs at least one stage-0 coordinate, and sizes are
// bounded so one run's scratch stays small.
namespace Engine.Modeling.Flows;

/// <summary>Shape of a continuously-indexed flow.</summary>
public sealed class CifShape
{
    /// <summary>Most data dimensions.</summary>
    public const int MaxDims = 1 << 16;

    /// <summary>Most layers.</summary>
    public const int MaxLayers = 64;

    /// <summary>Most symbol bits (data symbols are below 2^SymbolBits).</summary>
    public const int MaxSymbolBits = 16;

    private readonly byte[][] _stages;

    /// <summary>A shape of <paramref name="dims"/> dimensions, symbols of <paramref name="symbolBits"/> bits, and one stage array
    /// (0 or 1 per dimension) per layer; <paramref name="indexDims"/> index dimensions per layer (0: a plain flow).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">A stage array has the wrong length, a value other than 0 or 1, or no stage-0 coordinate.</exception>
    public CifShape(int dims, int symbolBits, int indexDims, IReadOnlyList<byte[]> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (dims < 1 || dims > MaxDims) throw new ArgumentOutOfRangeException(nameof(dims), dims, $"Dimensions must be in [1, {MaxDims}].");
        if (symbolBits < 1 || symbolBits > MaxSymbolBits)
            throw new ArgumentOutOfRangeException(nameof(symbolBits), symbolBits, $"Symbol bits must be in [1, {MaxSymbolBits}].");
        if (indexDims < 0 || indexDims > MaxDims)
            throw new ArgumentOutOfRangeException(nameof(indexDims), indexDims, $"Index dimensions must be in [0, {MaxDims}].");
        if (stages.Count < 1 || stages.Count > MaxLayers)
            throw new ArgumentOutOfRangeException(nameof(stages), stages.Count, $"A flow has 1 to {MaxLayers} layers.");
        _stages = new byte[stages.Count][];
        for (int l = 0; l < stages.Count; l++)
        {
            byte[] s = stages[l] ?? throw new ArgumentNullException(nameof(stages));
            if (s.Length != dims) throw new ArgumentException($"Layer {l}'s stages have {s.Length} entries, not {dims}.", nameof(stages));
            if (s.Any(v => v > 1)) throw new ArgumentException($"Layer {l}'s stages must be 0 or 1.", nameof(stages));
            if (!s.Contains((byte)0)) throw new ArgumentException($"Layer {l} has no stage-0 coordinate.", nameof(stages));
            _stages[l] = (byte[])s.Clone();
        }
        Dims = dims;
        SymbolBits = symbolBits;
        IndexDims = indexDims;
    }

    /// <summary>D, the dimensions of data and of every level z_l.</summary>
    public int Dims { get; }

    /// <summary>Data symbols are below 2^SymbolBits (8 for 8-bit images).</summary>
    public int SymbolBits { get; }

    /// <summary>Dimensions of each layer's index u_l (0 for a plain flow).</summary>
    public int IndexDims { get; }

    /// <summary>L, the number of layers.</summary>
    public int Layers => _stages.Length;

    /// <summary>Layer <paramref name="layer"/>'s stage (0 or 1) of every coordinate.</summary>
    public ReadOnlySpan<byte> Stages(int layer) => _stages[layer];

    /// <summary>Alternating stages: coordinate i is stage (i + l) mod 2 in layer l of <paramref name="layers"/>
    /// (a one-dimensional flow is all stage 0).</summary>
    public static byte[][] Alternating(int dims, int layers) =>
        Enumerable.Range(0, layers).Select(l => Enumerable.Range(0, dims).Select(i => dims == 1 ? (byte)0 : (byte)((i + l) % 2)).ToArray()).ToArray();
}
