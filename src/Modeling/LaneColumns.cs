// LaneColumns: integer values laid out lane-major, as the coders keep them — value k (a symbol position or a latent
// dimension) of lane q at span[k · Stride + q]. Each kind of input has its own stride (a step's observations, the
// parents' latents and the particles' latents live in different component columns), so a query carries one of
// these per input rather than one stride for all.
namespace Engine.Modeling;

/// <summary>Lane-major values: column k (one value per lane) starts at k · <see cref="Stride"/>.</summary>
public readonly ref struct LaneColumns
{
    private readonly ReadOnlySpan<int> _values;

    /// <summary>Values whose column k starts at <paramref name="values"/>[k · <paramref name="stride"/>] (lane 0 of the batch first).</summary>
    public LaneColumns(ReadOnlySpan<int> values, int stride)
    {
        _values = values;
        Stride = stride;
    }

    /// <summary>Distance between the same lane's values in consecutive columns.</summary>
    public int Stride { get; }

    /// <summary>Whether no values were given (the input does not apply to this query).</summary>
    public bool IsEmpty => _values.IsEmpty;

    /// <summary>Column <paramref name="k"/>: <paramref name="count"/> lanes' values (empty when <see cref="IsEmpty"/>).</summary>
    public ReadOnlySpan<int> Column(int k, int count) => _values.IsEmpty ? default : _values.Slice(k * Stride, count);
}
