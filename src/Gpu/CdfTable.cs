// CdfTable: the view of integer CDF rows that every table call of the backend takes (a model's quantised
// rows, a step's weight rows, a Metropolis kernel's rows). Row r holds Width + 1 entries at Cdf[r Stride ..]:
// cdf[0] = 0, cdf[s + 1] = cdf[s] + freq[s], the last entry 2^Precision (mod 2^32), every freq >= 1.
// The constructor checks the shape only; the entries are the caller's promise, kept by construction where
// the coders get their rows (QuantizedRows and CdfRows validate every row once, the weight quantiser gives
// every slot a frequency >= 1). A row that breaks it can give a wrong symbol or a rejected interval
// (ArgumentException), never a read outside the view. A view of rows that change every step costs nothing
// to make, so the coders build one per call; CdfRows.Table gives the view of a fixed table. A view of a table object
// may name it and its version (CacheKey, CacheVersion) so a GPU backend uploads those rows once, not per call.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu;

/// <summary>A read-only view of <see cref="Rows"/> integer CDF rows of <see cref="Width"/> symbols at one precision.</summary>
public readonly ref struct CdfTable
{
    /// <summary>Views <paramref name="rows"/> rows of <paramref name="width"/> + 1 entries each, back to back, in
    /// <paramref name="cdf"/> (which must hold exactly that many).</summary>
    /// <exception cref="ArgumentException">A size or the precision is out of range, or the span has another length.</exception>
    public CdfTable(ReadOnlySpan<uint> cdf, int rows, int width, int precision)
    {
        // One branch on the hot path (the coders make a view per call); the diagnosis lives out of line.
        if ((uint)(precision - 1) >= 32u || rows < 1 || width < 1 || (ulong)width > 1UL << precision || (long)rows * ((long)width + 1) != cdf.Length)
            ThrowBadShape(cdf.Length, rows, width, precision);
        Cdf = cdf;
        Rows = rows;
        Width = width;
        Precision = precision;
    }

    /// <summary>All rows, row-major, <see cref="Stride"/> entries each.</summary>
    public ReadOnlySpan<uint> Cdf { get; }

    /// <summary>Number of rows R.</summary>
    public int Rows { get; }

    /// <summary>Symbols per row K.</summary>
    public int Width { get; }

    /// <summary>Entries per row, K + 1.</summary>
    public int Stride => Width + 1;

    /// <summary>Every row sums to 2^Precision.</summary>
    public int Precision { get; }

    /// <summary>Optional identity of the rows behind the view (the table object that owns them): views with the same key and
    /// <see cref="CacheVersion"/> show the same rows, so a backend may reuse a device copy made for an earlier one. Null (views
    /// of rows made per step, such as weights): the rows are uploaded with every call that needs them on a device.</summary>
    public object? CacheKey { get; init; }

    /// <summary>The owner's version of the rows (see <see cref="CacheKey"/>; moves whenever a row is rewritten).</summary>
    public long CacheVersion { get; init; }

    /// <summary>For a one-row table made from <see cref="CdfRows"/>, its CumulativeTable (reciprocal pushes, slot-array pops
    /// on the CPU); otherwise null.</summary>
    internal CumulativeTable? Single { get; init; }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowBadShape(int length, int rows, int width, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (rows < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "A table needs at least one row.");
        if (width < 1 || (ulong)width > 1UL << precision)
            throw new ArgumentOutOfRangeException(nameof(width), width, $"A row needs 1..2^{precision} symbols.");
        throw new ArgumentException($"Expected {rows} rows of {(long)width + 1} entries, got {length} entries.", "cdf");
    }
}
