// QuantizedRows: a stack of categorical rows quantised once to integer frequencies — the form in which a
// table model's distributions reach the coders. Row r, outcome s: Freq[r*Width+s] (>= 1), Start = the
// exclusive prefix sum within the row, every row summing to exactly 2^Precision, and Log2Q32 =
// log2(Freq / 2^Precision) in Q32 from the integer FixedLog2 (so importance weights built from it are the
// same bits on every machine). Flat arrays so the passes index them without a call per symbol; Lookup is
// the integer inverse CDF (binary search on Start). FromCounts / FromWeights are the one canonical way
// from numbers to a table (CategoricalQuantizer, optimal mode, every frequency >= 1).
// Writable form (CreateWritable): a table whose rows a model session overwrites per unit with SetRow — for
// models whose rows come from a network per input (a VAE's proposal per image), so per-unit tables cost no
// allocation. SetRow validates the row like the constructor and recomputes its Start and Log2Q32; rows
// start as valid near-uniform rows. The logs come from a cached table of FixedLog2.Of (up to 2^16 or 2^20)
// (OfRatio(f, p) = Of(f) - p, the same values, computed once), so rewriting a row costs a lookup per outcome.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>The same rows as cumulative tables, the form a backend searches: row r at Cdf[r (Width + 1) ..], entries
    /// Start[r, 0..Width) then 2^Precision (one more entry per row than <see cref="Start"/>). Do not modify.</summary>
    public uint[] Cdf { get; }

    /// <summary>Whether <see cref="SetRow"/> may rewrite rows (tables from <see cref="CreateWritable"/>).</summary>
    public bool IsWritable { get; }

    private long _version;

    /// <summary>How many times <see cref="SetRow"/> has rewritten a row (0 for an immutable table): equal versions of one table
    /// hold equal rows, so a backend may keep a device copy until the version moves.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Rows of precision up to this take their logs from the small table (2^16 entries), above it from the large one.</summary>
    private const int SmallLogBits = 16;

    /// <summary>Frequencies up to 2^this have a cached log in the large table (8 MiB, built the first time a row of precision above 16
    /// is filled: a VAE's fine proposal rows); a larger frequency, rare in such a row, is computed.</summary>
    private const int LargeLogBits = 20;

    private static long[]? _smallLogs, _largeLogs;

    /// <summary>Wraps integer frequencies (row-major) after checking every row: each frequency &gt;= 1, each row
    /// summing to exactly 2^<paramref name="precision"/>. The array is kept, not copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the precision is out of range.</exception>
    /// <exception cref="ArgumentException">The array has the wrong length, or a row is not a valid table.</exception>
    public QuantizedRows(int rows, int width, int precision, uint[] freq)
        : this(rows, width, precision, freq, writable: false)
    {
    }

    private QuantizedRows(int rows, int width, int precision, uint[] freq, bool writable)
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
        IsWritable = writable;
        Start = new uint[freq.Length];
        Log2Q32 = new long[freq.Length];
        Cdf = new uint[rows * (width + 1)];
        for (int r = 0; r < rows; r++) Fill(r, nameof(freq));
    }

    /// <summary>A table whose rows a model session rewrites with <see cref="SetRow"/> (for example once per unit, from a
    /// network's output). Every row starts valid: near-uniform (the first 2^precision mod width outcomes one higher).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the precision is out of range, or 2^precision &lt; width.</exception>
    public static QuantizedRows CreateWritable(int rows, int width, int precision)
    {
        if (rows < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A table needs at least one row and one outcome.");
        if ((long)rows * width > MaxEntries) throw new ArgumentOutOfRangeException(nameof(rows), $"A table holds at most {MaxEntries} entries.");
        if (precision < 1 || precision > 31) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Precision must be in [1, 31].");
        if (width > 1L << precision) throw new ArgumentOutOfRangeException(nameof(precision), precision, $"2^{precision} cannot give {width} outcomes a frequency >= 1 each.");
        var freq = new uint[rows * width];
        uint each = (uint)((1L << precision) / width), extra = (uint)((1L << precision) % width);
        for (int r = 0; r < rows; r++)
            for (int s = 0; s < width; s++) freq[r * width + s] = each + (s < extra ? 1u : 0u);
        return new QuantizedRows(rows, width, precision, freq, writable: true);
    }

    /// <summary>Rewrites row <paramref name="row"/> of a writable table with <paramref name="freq"/> (<see cref="Width"/>
    /// frequencies, each &gt;= 1, summing to 2^<see cref="Precision"/>) and recomputes its starts and logs. Rows of one
    /// table may be set concurrently from several threads when they are different rows.</summary>
    /// <exception cref="InvalidOperationException">The table was not made by <see cref="CreateWritable"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The row has the wrong length or is not a valid table (the row then holds the
    /// new frequencies but is invalid: do not code with it).</exception>
    public void SetRow(int row, ReadOnlySpan<uint> freq)
    {
        if (!IsWritable) throw new InvalidOperationException("This table is immutable; make one with QuantizedRows.CreateWritable to rewrite rows.");
        if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Rows}).");
        if (freq.Length != Width) throw new ArgumentException($"A row has {Width} frequencies, not {freq.Length}.", nameof(freq));
        Interlocked.Increment(ref _version);
        freq.CopyTo(Freq.AsSpan(row * Width, Width));
        Fill(row, nameof(freq));
    }

    // Checks row r of Freq and writes its Start, Cdf and Log2Q32 entries. The loop only accumulates (the sum, and the
    // smallest and largest frequency); a bad row is diagnosed after it, so valid rows run without branches.
    private void Fill(int r, string name)
    {
        int width = Width, precision = Precision, at = r * width;
        ReadOnlySpan<uint> freq = Freq.AsSpan(at, width);
        Span<uint> start = Start.AsSpan(at, width);
        Span<long> log = Log2Q32.AsSpan(at, width);
        uint max = 1u << precision;
        ulong sum = 0;
        uint lowest = uint.MaxValue, highest = 0;
        for (int s = 0; s < width; s++)
        {
            uint f = freq[s];
            start[s] = (uint)sum;
            sum += f;
            lowest = Math.Min(lowest, f);
            highest = Math.Max(highest, f);
        }
        if (lowest == 0 || highest > max || sum != 1UL << precision)
        {
            for (int s = 0; s < width; s++)
            {
                if (freq[s] == 0) throw new ArgumentException($"Row {r} outcome {s} has frequency 0; every outcome needs freq >= 1.", name);
                if (freq[s] > max) throw new ArgumentException($"Row {r} outcome {s} has frequency {freq[s]} > 2^{precision}.", name);
            }
            throw new ArgumentException($"Row {r} sums to {sum}, not 2^{precision}.", name);
        }
        Span<uint> cdf = Cdf.AsSpan(r * (width + 1), width + 1);
        start.CopyTo(cdf);
        cdf[width] = max;
        // OfRatio(f, p) = Of(f) - p 2^32 exactly: one table of Of(f) serves every precision.
        long shift = (long)precision << 32;
        if (precision <= SmallLogBits)
        {
            ReadOnlySpan<long> cached = LogTable(ref _smallLogs, SmallLogBits);
            for (int s = 0; s < width; s++) log[s] = cached[(int)freq[s]] - shift;
        }
        else
        {
            ReadOnlySpan<long> cached = LogTable(ref _largeLogs, LargeLogBits);
            for (int s = 0; s < width; s++)
            {
                uint f = freq[s];
                log[s] = (f < (uint)cached.Length ? cached[(int)f] : FixedLog2.Of(f)) - shift;
            }
        }
    }

    // FixedLog2.Of(f) for f in [1, 2^bits] (index 0 unused), built once (2^16 entries for table models, 2^20 = 8 MiB only when
    // a row's precision is above 16).
    private static long[] LogTable(ref long[]? slot, int bits)
    {
        long[]? table = Volatile.Read(ref slot);
        if (table is not null) return table;
        table = new long[(1 << bits) + 1];
        for (uint f = 1; f < table.Length; f++) table[f] = FixedLog2.Of(f);
        return Interlocked.CompareExchange(ref slot, table, null) ?? table;
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

    /// <summary>Start and frequency of outcome <paramref name="s"/> of row <paramref name="row"/>, both read from
    /// <see cref="Start"/> (the frequency as the distance to the next start, or to 2^Precision for the last outcome),
    /// so a hot loop touches one array: equal to (Start[at], Freq[at]) with at = row · Width + s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (uint Start, uint Freq) Interval(int row, int s)
    {
        int at = row * Width + s;
        uint start = Start[at];
        uint end = s + 1 < Width ? Start[at + 1] : (uint)(1UL << Precision);
        return (start, end - start);
    }

    /// <summary>The outcome s of row <paramref name="row"/> with Start &lt;= cf &lt; Start + Freq (integer inverse CDF;
    /// branch-free halving over the row's starts, O(log Width)).</summary>
    /// <param name="row">Row index.</param>
    /// <param name="cf">A cumulative value in [0, 2^Precision).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(int row, uint cf)
    {
        int width = Width;
        ReadOnlySpan<uint> start = Start.AsSpan(row * width, width);
        ref uint first = ref MemoryMarshal.GetReference(start);
        int lo = 0, n = width; // candidates [lo, lo + n); start[0] = 0 <= cf
        while (n > 1)
        {
            int half = n >> 1;
            // Step by half where start[lo + half] <= cf: the mask is all ones then, else zero (no branch to mispredict).
            int take = (int)~(((long)cf - Unsafe.Add(ref first, lo + half)) >> 63);
            lo += half & take;
            n -= half;
        }
        return lo;
    }
}
