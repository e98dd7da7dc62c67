// CifNetworkShape: the sizes of a neural CIF on images (CifNetwork) and the bounds a checkpoint header may declare before
// anything is built from it: the header is untrusted, so every size is bounded (no product overflows, libtorch is never
// asked for terabytes) and the parameter bytes the sizes imply must match the stored state dict's length.
namespace Engine.Models.Neural;

/// <summary>Layer sizes of a <see cref="CifNetwork"/>.</summary>
/// <param name="Rows">Image rows.</param>
/// <param name="Cols">Image columns (D = Rows x Cols dimensions).</param>
/// <param name="Layers">Flow layers L.</param>
/// <param name="Hidden">Hidden width H of every small network.</param>
/// <param name="IndexDims">Index dimensions per layer (0: a plain RealNVP-style flow, no u).</param>
/// <param name="SymbolBits">Bits per pixel (8 for 8-bit images).</param>
/// <param name="Lipschitz">Spectrally normalised index networks p(u | z), q(u | z) (SpectralLinear: 1-Lipschitz in z).</param>
public sealed record CifNetworkShape(int Rows, int Cols, int Layers, int Hidden, int IndexDims, int SymbolBits = 8, bool Lipschitz = false)
{
    /// <summary>Largest dimension count D.</summary>
    public const int MaxDims = 1 << 14;

    /// <summary>Most layers.</summary>
    public const int MaxLayers = 64;

    /// <summary>Largest hidden width.</summary>
    public const int MaxHidden = 1 << 12;

    /// <summary>Most index dimensions per layer.</summary>
    public const int MaxIndexDims = 1 << 10;

    /// <summary>Bytes a state dict may hold beyond its float32 parameters (names and tensor headers).</summary>
    public const long StateOverheadBytes = 64L * 1024;

    /// <summary>D = Rows x Cols.</summary>
    public int Dims => Rows * Cols;

    /// <summary>Why the shape is out of bounds, or null when it is within them.</summary>
    public string? Problem()
    {
        if (Rows < 1 || Cols < 1 || (long)Rows * Cols < 2 || (long)Rows * Cols > MaxDims) return $"image {Rows}x{Cols} outside 2..{MaxDims} pixels";
        if (Layers < 1 || Layers > MaxLayers) return $"layers {Layers} outside 1..{MaxLayers}";
        if (Hidden < 1 || Hidden > MaxHidden) return $"hidden width {Hidden} outside 1..{MaxHidden}";
        if (IndexDims < 0 || IndexDims > MaxIndexDims) return $"index dimensions {IndexDims} outside 0..{MaxIndexDims}";
        if (SymbolBits < 1 || SymbolBits > 8) return $"symbol bits {SymbolBits} outside 1..8";
        return null;
    }

    /// <summary>Throws unless the shape is within bounds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public void Validate()
    {
        if (Problem() is { } p) throw new ArgumentOutOfRangeException(nameof(CifNetworkShape), this, p);
    }

    /// <summary>Why a state dict of <paramref name="stateBytes"/> bytes cannot hold this shape's parameters, or null.</summary>
    public string? CheckStateLength(long stateBytes)
    {
        long floats = 4 * CifNetwork.ParameterSizes(this).Sum(p => p.Sizes.Aggregate(1L, (a, b) => a * b));
        if (stateBytes < floats || stateBytes > floats + StateOverheadBytes)
            return $"a {this} network has {floats} bytes of float32 parameters, the state dict holds {stateBytes} bytes";
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Rows}x{Cols} L={Layers} H={Hidden} U={IndexDims}{(Lipschitz && IndexDims > 0 ? " lipschitz" : "")}";
}
