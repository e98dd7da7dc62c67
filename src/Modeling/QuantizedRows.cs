// QuantizedRows: a stack of categorical rows quantised once to integer frequencies — the form in which a
// table model's distributions reach the coders. Row r, outcome s: Freq[r*Width+s] (>= 1), Start = the
// exclusive prefix sum within the row, every row summing to exactly 2^Precision, and Log2Q32 =
// log2(Freq / 2^Precision) in Q32 from the integer FixedLog2 (so importance weights built from it are the
// same bits on every machine). Flat arrays so the passes index them without a call per symbol; Lookup is
// the integer inverse CDF (binary search on Start). FromCounts / FromWeights are the one canonical way
// from numbers to a table (CategoricalQuantizer, optimal mode, every frequency >= 1).
using Engine.Ans.Quantization;

namespace Engine.Modeling;

/// <summary>Rows of integer frequency tables (each summing to 2^<see cref="Precision"/>) in one flat layout.</summary>
public sealed class QuantizedRows
{
    /// <summary>Largest number of entries (rows × width) of one table.</summary>
    public const int MaxEntries = 1 << 26;

    /// <summary>Number of rows (conditioning values).</summary>
    public int Rows { get; }

    /// <summary>Outcomes per row.</summary>
    public int Width { get; }

    /// <summary>Every row sums to 2^Precision.</summary>
    public int Precision { get; }

    /// <summary>Frequencies, row-major, each at least 1. Do not modify.</summary>
    public uint[] Freq { get; }

    /// <summary>Cumulative starts, row-major: Start[r*Width+s] = sum of Freq[r*Width+0..s-1].</summary>
    public uint[] Start { get; }

    /// <summary>log2(Freq / 2^Precision) in Q32 fixed point (always &lt;= 0), from the integer FixedLog2.</summary>
    public long[] Log2Q32 { get; }

    /// <summary>Wraps integer frequencies (row-major) after checking every row: each frequency &gt;= 1, each row
    /// summing to exactly 2^<paramref name="precision"/>. The array is kept, not copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the precision is out of range.</exception>
    /// <exception cref="ArgumentException">The array has the wrong length, or a row is not a valid table.</exception>
    public QuantizedRows(int rows, int width, int precision, uint[] freq)
    {
        ArgumentNullException.ThrowIfNull(freq);
        if (rows < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A table needs at least one row and one outcome.");
        if ((long)rows * width > MaxEntries) throw new ArgumentOutOfRangeException(nameof(rows), $"A table holds at most {MaxEntries} entries.");
        if (precision < 1 || precision > 31) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Precision must be in [1, 31].");
        if (freq.Length != rows * width)
            throw new ArgumentException($"The frequency array must hold rows*width = {rows * width} entries.", nameof(freq));
        Rows = rows;
        Width = width;
        Precision = precision;
        Freq = freq;
        Start = new uint[freq.Length];
        Log2Q32 = new long[freq.Length];
        for (int r = 0; r < rows; r++)
        {
            ulong sum = 0;
            for (int s = 0; s < width; s++)
            {
                uint f = freq[r * width + s];
                if (f == 0) throw new ArgumentException($"Row {r} outcome {s} has frequency 0; every outcome needs freq >= 1.", nameof(freq));
                Start[r * width + s] = (uint)sum;
                Log2Q32[r * width + s] = FixedLog2.OfRatio(f, precision);
                sum += f;
            }
            if (sum != 1UL << precision)
                throw new ArgumentException($"Row {r} sums to {sum}, not 2^{precision}.", nameof(freq));
        }
    }

    /// <summary>Quantises each row of positive integer counts (row-major, rows × width, each in [1, 2^52]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count, size or the precision is out of range.</exception>
    public static QuantizedRows FromCounts(ReadOnlySpan<long> counts, int rows, int width, int precision)
    {
        Span<double> weights = counts.Length <= 4096 ? stackalloc double[counts.Length] : new double[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 1 || counts[i] > 1L << 52) throw new ArgumentOutOfRangeException(nameof(counts), "Every count must be in [1, 2^52].");
            weights[i] = counts[i];
        }
        return FromWeights(weights, rows, width, precision);
    }

    /// <summary>Quantises each row of non-negative finite weights (counts or probabilities, row-major; each row needs a
    /// positive sum). Every outcome gets a frequency &gt;= 1, also a zero-weight one, so any value stays codable.</summary>
    /// <exception cref="ArgumentException">The span has the wrong length, or a weight is negative or not finite, or a row sums to 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or the precision is out of range, or 2^precision &lt; width.</exception>
    public static QuantizedRows FromWeights(ReadOnlySpan<double> weights, int rows, int width, int precision)
    {
        if (rows < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A table needs at least one row and one outcome.");
        if ((long)rows * width > MaxEntries) throw new ArgumentOutOfRangeException(nameof(rows), $"A table holds at most {MaxEntries} entries.");
        if (weights.Length != rows * width) throw new ArgumentException($"weights must hold rows*width = {rows * width} entries.", nameof(weights));
        if (precision < 1 || precision > 31) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Precision must be in [1, 31].");
        if (width > 1L << precision) throw new ArgumentOutOfRangeException(nameof(precision), precision, $"2^{precision} cannot give {width} outcomes a frequency >= 1 each.");
        var freq = new uint[rows * width];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> row = weights.Slice(r * width, width);
            double sum = 0;
            foreach (double w in row)
            {
                if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"Row {r} has a weight {w}; weights must be finite and >= 0.", nameof(weights));
                sum += w;
            }
            if (!(sum > 0)) throw new ArgumentException($"Row {r} has no positive weight.", nameof(weights));
            CategoricalQuantizer.FromProbabilities(row, precision, freq.AsSpan(r * width, width), QuantizeMode.Optimal);
        }
        return new QuantizedRows(rows, width, precision, freq);
    }

    /// <summary>The outcome s of row <paramref name="row"/> with Start &lt;= cf &lt; Start + Freq (integer inverse CDF).</summary>
    /// <param name="row">Row index.</param>
    /// <param name="cf">A cumulative value in [0, 2^Precision).</param>
    public int Lookup(int row, uint cf)
    {
        int lo = 0, hi = Width - 1, b = row * Width;
        uint[] start = Start;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (start[b + mid] <= cf) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
