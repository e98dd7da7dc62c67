// The one canonical function that turns integer counts into the toy models' coding tables:
// counts -> frequencies summing to 2^precision (every freq >= 1) -> log2 of each freq/2^precision in Q32.
// Both steps are integer-only, so encoder and decoder (and every machine) build identical tables.
namespace Engine.Models.Toy;

/// <summary>Builds <see cref="QuantizedRows"/> from integer counts.</summary>
internal static class ToyTableBuilder
{
    /// <summary>Quantises each row of <paramref name="counts"/> (row-major, rows × width, every count &gt;= 1).</summary>
    public static QuantizedRows FromCounts(ReadOnlySpan<long> counts, int rows, int width, int precision)
    {
        if (counts.Length != rows * width) throw new ArgumentException("counts must hold rows*width entries.", nameof(counts));
        if (precision < 1 || precision > 31) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Precision must be in [1, 31].");
        if (width > 1L << precision) throw new ArgumentOutOfRangeException(nameof(precision), precision, $"2^{precision} cannot give {width} outcomes a frequency >= 1 each.");
        var freq = new uint[rows * width];
        var log2 = new long[rows * width];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<long> row = counts.Slice(r * width, width);
            Span<uint> f = freq.AsSpan(r * width, width);
            CountQuantizer.Quantize(row, precision, f);
            for (int s = 0; s < width; s++) log2[r * width + s] = CountQuantizer.Log2RatioQ32(f[s], precision);
        }
        return new QuantizedRows(rows, width, precision, freq, log2);
    }
}
