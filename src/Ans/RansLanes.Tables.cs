// RansLanes.Tables: push and pop of symbol indices through integer tables.
//
// Static table (CumulativeTable): pushes use the table's precomputed reciprocals (no division, same
// heads as the division form); pops find the symbol with a slot -> symbol array when prec <= 16 and
// by binary search in the integer CDF otherwise. Per-lane tables: a flat span of rows, row i (K + 1
// entries, last = 2^prec mod 2^32) belonging to lane firstLane + i; pops are peek -> search the row
// -> commit, pushes read (start, freq) from the row. Row intervals are validated per symbol, since
// rows come straight from callers.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Engine.Ans.Quantization;

namespace Engine.Ans;

public sealed partial class RansLanes
{
    /// <summary>Pushes symbols[i] (an index into <paramref name="table"/>) on every lane.</summary>
    public void Push(CumulativeTable table, ReadOnlySpan<int> symbols)
    {
        CheckFullWidth(symbols.Length);
        Push(0, table, symbols);
    }

    /// <summary>Pushes table symbols on the lanes [firstLane, firstLane + symbols.Length).</summary>
    public unsafe void Push(int firstLane, CumulativeTable table, ReadOnlySpan<int> symbols)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = symbols.Length;
        CheckSpans(firstLane, n, n);
        RansEncSymbol[] enc = table.EncSymbols;
        uint k = (uint)enc.Length;
        int emitShift = 64 - table.Precision;
        ref RansEncSymbol enc0 = ref MemoryMarshal.GetArrayDataReference(enc);
        ref ulong head0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_heads), firstLane);
        ref int sym0 = ref MemoryMarshal.GetReference(symbols);
        int done = _vectorPaths ? PushTableVector(firstLane, table, symbols) : 0;
        // Emitted words are staged (one unconditional store to a small buffer and a counter bump per
        // lane, instead of a data-dependent branch) and moved to the tails after each block.
        ulong* stage = stackalloc ulong[StageBlock];
        for (int block = done; block < n; block += StageBlock)
        {
            int end = Math.Min(n, block + StageBlock);
            int staged = 0;
            for (int i = block; i < end; i++)
            {
                int sym = Unsafe.Add(ref sym0, i);
                if ((uint)sym >= k)
                {
                    FlushStage(firstLane, stage, staged);
                    ThrowBadSymbol(firstLane + i, sym, (int)k);
                }
                ref RansEncSymbol e = ref Unsafe.Add(ref enc0, sym);
                ulong x = Unsafe.Add(ref head0, i);
                int emit = (x >> emitShift) >= e.Freq ? 1 : 0;
                stage[staged] = ((ulong)(uint)i << 32) | (uint)x;
                staged += emit;
                x >>= emit << 5;
                Unsafe.Add(ref head0, i) = e.Encode(x);
            }
            FlushStage(firstLane, stage, staged);
        }
    }

    /// <summary>Pops one symbol of <paramref name="table"/> from every lane.</summary>
    public void Pop(CumulativeTable table, Span<int> symbols)
    {
        CheckFullWidth(symbols.Length);
        Pop(0, table, symbols);
    }

    /// <summary>Pops table symbols from the lanes [firstLane, firstLane + symbols.Length).</summary>
    public void Pop(int firstLane, CumulativeTable table, Span<int> symbols)
    {
        ArgumentNullException.ThrowIfNull(table);
        int n = symbols.Length;
        CheckSpans(firstLane, n, n);
        ulong[]? slots = table.Slots;
        if (slots is not null)
            PopSlots(firstLane, table.Precision, slots, symbols);
        else
            PopSearch(firstLane, table, symbols);
    }

    private unsafe void PopSlots(int firstLane, int p, ulong[] slots, Span<int> symbols)
    {
        ulong mask = (1UL << p) - 1;
        ref ulong slot0 = ref MemoryMarshal.GetArrayDataReference(slots);
        ref ulong head0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_heads), firstLane);
        ref int sym0 = ref MemoryMarshal.GetReference(symbols);
        int n = symbols.Length;
        int done = _vectorPaths ? PopSlotsVector(firstLane, p, slots, symbols) : 0;
        // Lanes that must refill are staged and served after each block (no data-dependent branch).
        int* stage = stackalloc int[StageBlock];
        for (int block = done; block < n; block += StageBlock)
        {
            int end = Math.Min(n, block + StageBlock);
            int staged = 0;
            for (int i = block; i < end; i++)
            {
                ulong x = Unsafe.Add(ref head0, i);
                // cf <= mask < slots.Length, so the lookup needs no bounds check.
                ulong entry = Unsafe.Add(ref slot0, (nint)(x & mask));
                x = (entry >> 32) * (x >> p) + ((uint)entry >> 16);
                Unsafe.Add(ref sym0, i) = (ushort)entry;
                Unsafe.Add(ref head0, i) = x;
                stage[staged] = i;
                staged += x < RansStep.LowerBound ? 1 : 0;
            }
            for (int s = 0; s < staged; s++)
            {
                int j = stage[s];
                Unsafe.Add(ref head0, j) = Refill(firstLane + j, Unsafe.Add(ref head0, j));
            }
        }
    }

    private void PopSearch(int firstLane, CumulativeTable table, Span<int> symbols)
    {
        int p = table.Precision;
        ulong mask = (1UL << p) - 1;
        ReadOnlySpan<uint> cdf = table.Cdf;
        ReadOnlySpan<uint> freqs = table.Frequencies;
        ref ulong head0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_heads), firstLane);
        ref LaneTail tail0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tails), firstLane);
        for (int i = 0; i < symbols.Length; i++)
        {
            ulong x = Unsafe.Add(ref head0, i);
            uint cf = (uint)(x & mask);
            int s = CumulativeTable.FindSymbol(cdf, cf);
            x = freqs[s] * (x >> p) + (cf - cdf[s]);
            symbols[i] = s;
            Unsafe.Add(ref head0, i) = RefillBranchFree(ref Unsafe.Add(ref tail0, i), firstLane + i, x);
        }
    }

    /// <summary>
    /// Pushes symbols[i] on lane firstLane + i using that lane's own CDF row: row i is
    /// cdfRows[i (K + 1) .. (i + 1)(K + 1)) with K = <paramref name="symbolCount"/>.
    /// </summary>
    public void Push(int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, ReadOnlySpan<int> symbols)
    {
        RansStep.CheckPrecision(precision);
        int n = symbols.Length;
        CheckSpans(firstLane, n, n);
        int stride = CheckRows(cdfRows, symbolCount, n);
        ulong total = 1UL << precision;
        int emitShift = 64 - precision;
        Span<ulong> heads = _heads.AsSpan(firstLane, n);
        for (int i = 0; i < heads.Length; i++)
        {
            int sym = symbols[i];
            if ((uint)sym >= (uint)symbolCount)
                ThrowBadSymbol(firstLane + i, sym, symbolCount);
            ReadOnlySpan<uint> row = cdfRows.Slice(i * stride, stride);
            uint s = row[sym];
            uint f = row[sym + 1] - s;
            if (f == 0 || s + (ulong)f > total)
                ThrowBadInterval(firstLane + i, s, f, precision);
            ulong x = heads[i];
            if ((x >> emitShift) >= f)
            {
                Emit(firstLane + i, (uint)x);
                x >>= 32;
            }
            heads[i] = RansStep.Encode(x, s, f, precision);
        }
    }

    /// <summary>Pushes per-lane-row symbols on every lane.</summary>
    public void Push(ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, ReadOnlySpan<int> symbols)
    {
        CheckFullWidth(symbols.Length);
        Push(0, cdfRows, symbolCount, precision, symbols);
    }

    /// <summary>
    /// Pops one symbol from lane firstLane + i using that lane's own CDF row (see
    /// <see cref="Push(int, ReadOnlySpan{uint}, int, int, ReadOnlySpan{int})"/>): peek, binary search, commit.
    /// </summary>
    public void Pop(int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, Span<int> symbols)
    {
        RansStep.CheckPrecision(precision);
        int n = symbols.Length;
        CheckSpans(firstLane, n, n);
        int stride = CheckRows(cdfRows, symbolCount, n);
        ulong total = 1UL << precision;
        ulong mask = total - 1;
        Span<ulong> heads = _heads.AsSpan(firstLane, n);
        for (int i = 0; i < heads.Length; i++)
        {
            ReadOnlySpan<uint> row = cdfRows.Slice(i * stride, stride);
            ulong x = heads[i];
            uint cf = (uint)(x & mask);
            int sym = CumulativeTable.FindSymbol(row, cf);
            uint s = row[sym];
            uint f = row[sym + 1] - s;
            // A malformed row (not increasing, wrong total) shows up as an interval missing cf.
            if (cf - s >= f || s + (ulong)f > total)
                ThrowBadCommit(firstLane + i, cf, s, f, precision);
            x = f * (x >> precision) + (cf - s);
            if (x < RansStep.LowerBound)
                x = Refill(firstLane + i, x);
            heads[i] = x;
            symbols[i] = sym;
        }
    }

    /// <summary>Pops per-lane-row symbols from every lane.</summary>
    public void Pop(ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, Span<int> symbols)
    {
        CheckFullWidth(symbols.Length);
        Pop(0, cdfRows, symbolCount, precision, symbols);
    }

    private static int CheckRows(ReadOnlySpan<uint> cdfRows, int symbolCount, int lanes)
    {
        if (symbolCount < 1)
            throw new ArgumentOutOfRangeException(nameof(symbolCount), symbolCount, "A table needs at least one symbol.");
        int stride = symbolCount + 1;
        if ((long)stride * lanes != cdfRows.Length)
            throw new ArgumentException($"Expected {lanes} rows of {stride} entries, got {cdfRows.Length} entries.", nameof(cdfRows));
        return stride;
    }

    private static void ThrowBadSymbol(int lane, int symbol, int count)
        => throw new ArgumentOutOfRangeException(nameof(symbol), $"Lane {lane}: symbol {symbol} is not in [0, {count}).");
}
