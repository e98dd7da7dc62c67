// CdfRows: an immutable, validated stack of R integer CDF rows over the same K symbols at one precision: a
// convenient owner of fixed tables for callers of the backend (a prior is one row; p(x|z) one row per z).
// Row r occupies Cdf[r (K+1) .. (r+1)(K+1)): cdf[0] = 0, cdf[s+1] = cdf[s] + freq[s], every freq >= 1, the
// last entry 2^prec stored mod 2^32 (as CumulativeTable). Built and validated once; Table is the CdfTable
// view the backend's calls take. Lookup is the integer CDF search of docs/architecture.md#symbol-lookup.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu;

/// <summary>Validated, immutable rows of integer CDFs (R rows of K symbols summing to 2^Precision).</summary>
public sealed class CdfRows
{
    private readonly uint[] _cdf;
    private CumulativeTable? _single;

    private CdfRows(uint[] cdf, int rows, int width, int precision)
    {
        _cdf = cdf;
        Rows = rows;
        Width = width;
        Precision = precision;
    }

    /// <summary>Number of rows R.</summary>
    public int Rows { get; }

    /// <summary>Symbols per row K.</summary>
    public int Width { get; }

    /// <summary>Entries per row, K + 1.</summary>
    public int Stride => Width + 1;

    /// <summary>Every row sums to 2^Precision.</summary>
    public int Precision { get; }

    /// <summary>All rows, row-major, <see cref="Stride"/> entries each.</summary>
    public ReadOnlySpan<uint> Cdf => _cdf;

    /// <summary>The view the backend's table calls take (a one-row table carries its CumulativeTable for the CPU's fast path).</summary>
    public CdfTable Table => new(_cdf, Rows, Width, Precision) { Single = SingleTable, CacheKey = this };

    /// <summary>Row <paramref name="row"/> (K + 1 entries).</summary>
    public ReadOnlySpan<uint> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Rows}).");
        return new ReadOnlySpan<uint>(_cdf, row * Stride, Stride);
    }

    /// <summary>Interval start of <paramref name="symbol"/> in <paramref name="row"/>.</summary>
    public uint Start(int row, int symbol) => Row(row)[CheckSymbol(symbol)];

    /// <summary>Frequency of <paramref name="symbol"/> in <paramref name="row"/>.</summary>
    public uint Frequency(int row, int symbol)
    {
        ReadOnlySpan<uint> r = Row(row);
        int s = CheckSymbol(symbol);
        return r[s + 1] - r[s];
    }

    /// <summary>The symbol of <paramref name="row"/> whose interval holds <paramref name="cf"/> (cf &lt; 2^Precision).</summary>
    public int FindSymbol(int row, uint cf)
    {
        if (cf > (1UL << Precision) - 1)
            throw new ArgumentOutOfRangeException(nameof(cf), cf, $"cf must be below 2^{Precision}.");
        return CumulativeTable.FindSymbol(Row(row), cf);
    }

    /// <summary>
    /// Builds rows from frequencies, row-major (<paramref name="rows"/> × <paramref name="width"/>), the
    /// layout of Engine.Models' QuantizedRows.Freq. Every frequency must be >= 1 and every row must sum
    /// to exactly 2^<paramref name="precision"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size, frequency or row sum is invalid.</exception>
    public static CdfRows FromFrequencies(ReadOnlySpan<uint> freqs, int rows, int width, int precision)
    {
        CheckShape(rows, width, precision);
        if ((long)rows * width != freqs.Length)
            throw new ArgumentException($"Expected {rows} x {width} frequencies, got {freqs.Length}.", nameof(freqs));
        int stride = width + 1;
        var cdf = new uint[checked(rows * stride)];
        for (int r = 0; r < rows; r++)
        {
            try
            {
                CumulativeTable.BuildCdf(freqs.Slice(r * width, width), precision, cdf.AsSpan(r * stride, stride));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Row {r}: {e.Message}", nameof(freqs), e);
            }
        }
        return new CdfRows(cdf, rows, width, precision);
    }

    /// <summary>
    /// Builds rows from interval starts, row-major (the layout of QuantizedRows.Start): frequencies are
    /// the gaps between starts, the last one reaching 2^<paramref name="precision"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A start is out of order (a frequency would be 0) or exceeds the total.</exception>
    public static CdfRows FromStarts(ReadOnlySpan<uint> starts, int rows, int width, int precision)
    {
        CheckShape(rows, width, precision);
        if ((long)rows * width != starts.Length)
            throw new ArgumentException($"Expected {rows} x {width} starts, got {starts.Length}.", nameof(starts));
        ulong total = 1UL << precision;
        var freqs = new uint[starts.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int s = 0; s < width; s++)
            {
                ulong lo = starts[r * width + s];
                ulong hi = s + 1 < width ? starts[r * width + s + 1] : total;
                if ((s == 0 && lo != 0) || hi <= lo || hi > total)
                    throw new ArgumentException($"Row {r}: starts are not an increasing CDF from 0 below 2^{precision} at symbol {s}.", nameof(starts));
                freqs[r * width + s] = (uint)(hi - lo);
            }
        }
        return FromFrequencies(freqs, rows, width, precision);
    }

    /// <summary>A single-row table holding <paramref name="table"/>'s CDF.</summary>
    public static CdfRows FromTable(CumulativeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new CdfRows(table.Cdf.ToArray(), 1, table.Count, table.Precision);
        rows._single = table;
        return rows;
    }

    /// <summary>
    /// For a one-row table, the equivalent CumulativeTable (built on first use), whose reciprocal pushes and
    /// slot pops the CPU backend uses; null when there is more than one row.
    /// </summary>
    internal CumulativeTable? SingleTable
    {
        get
        {
            if (Rows != 1)
                return null;
            if (_single is null)
            {
                var freqs = new uint[Width];
                for (int s = 0; s < Width; s++)
                    freqs[s] = _cdf[s + 1] - _cdf[s];
                _single = new CumulativeTable(freqs, Precision);
            }
            return _single;
        }
    }

    private int CheckSymbol(int symbol)
    {
        if ((uint)symbol >= (uint)Width)
            throw new ArgumentOutOfRangeException(nameof(symbol), symbol, $"Symbol must be in [0, {Width}).");
        return symbol;
    }

    private static void CheckShape(int rows, int width, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (rows < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "At least one row is required.");
        if (width < 1 || (ulong)width > 1UL << precision || width >= int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"A row needs 1..2^{precision} symbols.");
        if ((long)rows * (width + 1) > Array.MaxLength)
            throw new ArgumentException($"{rows} rows of {width} symbols do not fit one array.");
    }
}
