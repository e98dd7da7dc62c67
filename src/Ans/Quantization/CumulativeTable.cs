// CumulativeTable: integer frequencies summing to exactly 2^prec and their cumulative table
// (cdf[0] = 0, cdf[s+1] = cdf[s] + freq[s]). Symbol lookup is a search in the integer CDF (never an
// analytic float inverse, docs/architecture.md#symbol-lookup). The last entry cdf[K] = 2^prec is stored mod 2^32 (0 when
// prec = 32): searches only ever compare cdf[1..K-1], and freq = cdf[s+1] - cdf[s] in uint
// arithmetic stays exact. For static tables the pushes use precomputed reciprocals
// (RansEncSymbol) and, when prec <= 16, pops use a slot -> (symbol, cf - start, freq) array; both are built lazily on
// first use so a table made for a single symbol costs O(K).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ans.Quantization;

/// <summary>A validated rANS frequency table with its integer CDF and fast static-coding helpers.</summary>
public sealed class CumulativeTable
{
    /// <summary>Largest precision for which pops use a 2^prec-entry slot table.</summary>
    public const int MaxSlotPrecision = 16;

    private readonly uint[] _cdf;
    private readonly uint[] _freqs;
    private RansEncSymbol[]? _enc;
    private ulong[]? _reciprocals;
    private ulong[]? _intervals;
    private ulong[]? _slots;

    /// <summary>Builds the table; throws unless every freq >= 1 and the sum is exactly 2^precision.</summary>
    public CumulativeTable(ReadOnlySpan<uint> freqs, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (freqs.Length == 0 || (ulong)freqs.Length > 1UL << precision)
            throw new ArgumentException($"A table at precision {precision} needs 1..2^{precision} symbols, got {freqs.Length}.", nameof(freqs));
        Precision = precision;
        _freqs = freqs.ToArray();
        _cdf = new uint[freqs.Length + 1];
        BuildCdf(freqs, precision, _cdf);
    }

    /// <summary>Precision (log2 of the total).</summary>
    public int Precision { get; }

    /// <summary>Number of symbols K.</summary>
    public int Count => _freqs.Length;

    /// <summary>The K + 1 cumulative entries; the last is 2^prec mod 2^32.</summary>
    public ReadOnlySpan<uint> Cdf => _cdf;

    /// <summary>The K frequencies.</summary>
    public ReadOnlySpan<uint> Frequencies => _freqs;

    /// <summary>Interval start of <paramref name="symbol"/>.</summary>
    public uint Start(int symbol) => _cdf[symbol];

    /// <summary>Frequency of <paramref name="symbol"/>.</summary>
    public uint Frequency(int symbol) => _freqs[symbol];

    /// <summary>The symbol whose interval contains <paramref name="cf"/> (binary search in the CDF).</summary>
    public int FindSymbol(uint cf)
    {
        if (cf > (1UL << Precision) - 1)
            throw new ArgumentOutOfRangeException(nameof(cf), cf, $"cf must be below 2^{Precision}.");
        return FindSymbol(_cdf, cf);
    }

    /// <summary>
    /// The largest s in [0, K-1] with cdfRow[s] &lt;= cf for a row of K + 1 entries (only entries
    /// 1..K-1 are read). Branch-free halving, O(log K).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FindSymbol(ReadOnlySpan<uint> cdfRow, uint cf)
    {
        ref uint first = ref MemoryMarshal.GetReference(cdfRow);
        int lo = 0;
        int n = cdfRow.Length - 1; // candidates [lo, lo + n); lo + half < Length - 1 always, so no read leaves the row
        while (n > 1)
        {
            int half = n >> 1;
            // Step by half where cdfRow[lo + half] <= cf: the mask is all ones then, else zero (no branch to mispredict).
            int take = (int)~(((long)cf - Unsafe.Add(ref first, lo + half)) >> 63);
            lo += half & take;
            n -= half;
        }
        return lo;
    }

    /// <summary>
    /// Writes the K + 1 entry CDF of <paramref name="freqs"/> into <paramref name="cdf"/>; throws unless
    /// every freq >= 1 and they sum to exactly 2^precision.
    /// </summary>
    public static void BuildCdf(ReadOnlySpan<uint> freqs, int precision, Span<uint> cdf)
    {
        RansStep.CheckPrecision(precision);
        if (cdf.Length != freqs.Length + 1)
            throw new ArgumentException($"The CDF needs {freqs.Length + 1} entries, got {cdf.Length}.", nameof(cdf));
        ulong sum = 0;
        for (int s = 0; s < freqs.Length; s++)
        {
            if (freqs[s] == 0)
                throw new ArgumentException($"Symbol {s} has frequency 0; every frequency must be >= 1.", nameof(freqs));
            cdf[s] = (uint)sum;
            sum += freqs[s];
        }
        if (sum != 1UL << precision)
            throw new ArgumentException($"Frequencies sum to {sum}, not 2^{precision}.", nameof(freqs));
        cdf[freqs.Length] = (uint)sum;
    }

    /// <summary>Precomputed reciprocal pushes, one per symbol.</summary>
    internal RansEncSymbol[] EncSymbols => _enc ??= BuildEncSymbols();

    /// <summary>
    /// The decode entry of every slot cf (2^prec entries), or null when prec > 16: bits 0..15 hold the
    /// symbol, bits 16..31 hold cf - start (so a pop needs no second lookup), bits 32..63 the frequency.
    /// </summary>
    internal ulong[]? Slots => Precision > MaxSlotPrecision ? null : _slots ??= BuildSlots();

    /// <summary>Pinned copy of every symbol's reciprocal (for vector gathers).</summary>
    internal ulong[] EncReciprocals
    {
        get
        {
            _ = EncSymbols;
            return _reciprocals!;
        }
    }

    /// <summary>Pinned freq | start &lt;&lt; 32 of every symbol (for vector gathers).</summary>
    internal ulong[] EncIntervals
    {
        get
        {
            _ = EncSymbols;
            return _intervals!;
        }
    }

    private RansEncSymbol[] BuildEncSymbols()
    {
        var enc = new RansEncSymbol[_freqs.Length];
        var reciprocals = GC.AllocateUninitializedArray<ulong>(_freqs.Length, pinned: true);
        var intervals = GC.AllocateUninitializedArray<ulong>(_freqs.Length, pinned: true);
        for (int s = 0; s < enc.Length; s++)
        {
            enc[s] = new RansEncSymbol(_cdf[s], _freqs[s], Precision);
            reciprocals[s] = enc[s].Reciprocal;
            intervals[s] = _freqs[s] | ((ulong)_cdf[s] << 32);
        }
        // Published after the arrays they describe, so a racing reader never sees them missing.
        _reciprocals = reciprocals;
        _intervals = intervals;
        return enc;
    }

    private ulong[] BuildSlots()
    {
        var slots = GC.AllocateArray<ulong>(1 << Precision, pinned: true);
        for (int s = 0; s < _freqs.Length; s++)
        {
            ulong entry = ((ulong)_freqs[s] << 32) | (uint)s;
            for (uint j = 0; j < _freqs[s]; j++)
                slots[_cdf[s] + j] = entry | (j << 16);
        }
        return slots;
    }
}
