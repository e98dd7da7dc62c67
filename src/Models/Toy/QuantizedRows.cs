// A stack of categorical rows quantised once to integer frequencies: the only form in which the toy
// models' distributions reach the coder. Row r, outcome s: Freq[r*Width+s] (>= 1), Start = exclusive
// prefix sum within the row, every row summing to exactly 2^Precision. Flat arrays so the coder's passes
// index them without a call per symbol; Lookup is the integer inverse CDF (binary search on Start).
namespace Engine.Models.Toy;

/// <summary>Rows of integer frequency tables (each summing to 2^<see cref="Precision"/>) in one flat layout.</summary>
public sealed class QuantizedRows
{
    /// <summary>Number of rows (conditioning values).</summary>
    public int Rows { get; }

    /// <summary>Outcomes per row.</summary>
    public int Width { get; }

    /// <summary>Every row sums to 2^Precision.</summary>
    public int Precision { get; }

    /// <summary>Frequencies, row-major, each at least 1.</summary>
    public uint[] Freq { get; }

    /// <summary>Cumulative starts, row-major: Start[r*Width+s] = sum of Freq[r*Width+0..s-1].</summary>
    public uint[] Start { get; }

    /// <summary>log2(Freq / 2^Precision) in Q32 fixed point (always &lt;= 0), filled by the model from an integer method.</summary>
    public long[] Log2Q32 { get; }

    internal QuantizedRows(int rows, int width, int precision, uint[] freq, long[] log2Q32)
    {
        if (rows < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A table needs at least one row and one outcome.");
        if (precision < 1 || precision > 31) throw new ArgumentOutOfRangeException(nameof(precision), "Precision must be in [1, 31].");
        if (freq.Length != rows * width || log2Q32.Length != rows * width)
            throw new ArgumentException("Frequency and log arrays must hold rows*width entries.", nameof(freq));
        Rows = rows;
        Width = width;
        Precision = precision;
        Freq = freq;
        Log2Q32 = log2Q32;
        Start = new uint[freq.Length];
        for (int r = 0; r < rows; r++)
        {
            ulong sum = 0;
            for (int s = 0; s < width; s++)
            {
                uint f = freq[r * width + s];
                if (f == 0) throw new ArgumentException($"Row {r} outcome {s} has frequency 0; every outcome needs freq >= 1.", nameof(freq));
                Start[r * width + s] = (uint)sum;
                sum += f;
            }
            if (sum != 1UL << precision)
                throw new ArgumentException($"Row {r} sums to {sum}, not 2^{precision}.", nameof(freq));
        }
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
