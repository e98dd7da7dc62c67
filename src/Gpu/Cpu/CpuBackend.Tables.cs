// CpuBackend.Tables: symbols through a CdfTable (model rows, weight rows, kernel rows), a row index per lane.
//
// A one-row table from CdfRows goes straight to RansLanes' CumulativeTable path (reciprocal pushes, slot-array
// pops at precision <= 16). A call on fewer than FewLanes lanes (one chain, a few chains) is a scalar loop, so a
// single-chain coder pays no more per symbol than a host-side search would. Otherwise each worker walks its range in blocks of at most Block lanes, gathers
// each lane's (start, freq) from its row into stack buffers (pops: peek the cfs and search all the block's
// rows at once with VectorSearch.FindBatch first) and hands the block to RansLanes.Push / Commit. With a mask,
// each maximal run of active lanes is one such walk; inactive lanes are neither read nor written.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    private const int Block = 512;

    /// <summary>Calls on fewer lanes than this (a handful of chains) take a scalar loop: no pinning, no blocks, no gathers.</summary>
    private const int FewLanes = 8;

    /// <inheritdoc />
    public unsafe void PushSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        if (n < FewLanes && table.Single is null)
        {
            PushFew(lanes, firstLane, in table, rows, symbols, mask);
            return;
        }
        BackendChecks.TableCall(table, rows, n, mask);
        BackendChecks.ActiveBelow(symbols, table.Width, mask, nameof(symbols), "symbol");
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (int* s = symbols)
        fixed (byte* m = mask)
            Run(new TableWork(lanes, firstLane, table.Stride, table.Precision, table.Single, cdf, r, s, m, pop: false), n, MinLanesPerTask);
    }

    /// <inheritdoc />
    public unsafe void PopSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, Span<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        if (n < FewLanes && table.Single is null)
        {
            PopFew(lanes, firstLane, in table, rows, symbols, mask);
            return;
        }
        BackendChecks.TableCall(table, rows, n, mask);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (int* s = symbols)
        fixed (byte* m = mask)
            Run(new TableWork(lanes, firstLane, table.Stride, table.Precision, table.Single, cdf, r, s, m, pop: true), n, MinLanesPerTask);
    }

    /// <summary>The scalar table push of a few lanes, lane by lane (the checks of TableCall and ActiveBelow, inline).</summary>
    private static void PushFew(RansLanes lanes, int first, scoped in CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols, ReadOnlySpan<byte> mask)
    {
        int stride = table.Stride;
        CheckFew(rows, symbols.Length, mask);
        for (int i = 0; i < symbols.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == 0)
                continue;
            if ((uint)symbols[i] >= (uint)table.Width)
                throw new ArgumentOutOfRangeException(nameof(symbols), $"Lane {i}: symbol {symbols[i]} is outside [0, {table.Width}).");
            int at = RowOf(in table, rows, i) * stride + symbols[i];
            uint start = table.Cdf[at], freq = table.Cdf[at + 1] - start;
            lanes.PushOne(first + i, start, freq, table.Precision);
        }
    }

    /// <summary>The scalar table pop of a few lanes: peek, search the lane's row, commit, lane by lane.</summary>
    private static void PopFew(RansLanes lanes, int first, scoped in CdfTable table, ReadOnlySpan<int> rows, Span<int> symbols, ReadOnlySpan<byte> mask)
    {
        int stride = table.Stride;
        ulong cfMask = (1UL << table.Precision) - 1;
        ReadOnlySpan<ulong> heads = lanes.Heads;
        CheckFew(rows, symbols.Length, mask);
        for (int i = 0; i < symbols.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == 0)
                continue;
            ReadOnlySpan<uint> row = table.Cdf.Slice(RowOf(in table, rows, i) * stride, stride);
            int s = CumulativeTable.FindSymbol(row, (uint)(heads[first + i] & cfMask));
            symbols[i] = s;
            uint start = row[s], freq = row[s + 1] - start;
            lanes.CommitOne(first + i, start, freq, table.Precision);
        }
    }

    private static void CheckFew(ReadOnlySpan<int> rows, int n, ReadOnlySpan<byte> mask)
    {
        BackendChecks.Mask(mask, n);
        if (!rows.IsEmpty)
            BackendChecks.Length(n, rows.Length, nameof(rows));
    }

    /// <summary>Lane i's row, checked against the table (as TableCall would).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int RowOf(scoped in CdfTable table, ReadOnlySpan<int> rows, int i)
    {
        int r = rows.IsEmpty ? 0 : rows[i];
        if ((uint)r >= (uint)table.Rows)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Lane {i}: row index {r} is outside [0, {table.Rows}).");
        return r;
    }

    private readonly unsafe struct TableWork(RansLanes lanes, int first, int stride, int precision, CumulativeTable? single,
        uint* cdf, int* rows, int* symbols, byte* mask, bool pop) : IRangeWork, IRunWork
    {
        public void Run(int start, int count) => MaskRuns.Run(this, mask, start, count);

        public void Apply(int start, int end)
        {
            int count = end - start;
            if (single is not null && rows is null)
            {
                // One row for every lane: the static-table path applies.
                if (pop)
                    lanes.Pop(first + start, single, new Span<int>(symbols + start, count));
                else
                    lanes.Push(first + start, single, new ReadOnlySpan<int>(symbols + start, count));
                return;
            }
            int size = Math.Min(Block, count);
            Span<uint> s = stackalloc uint[size];
            Span<uint> f = stackalloc uint[size];
            Span<int> bases = stackalloc int[size];
            Span<uint> cf = pop ? stackalloc uint[size] : default;
            for (int b = start; b < end; b += Block)
            {
                int m = Math.Min(Block, end - b);
                for (int i = 0; i < m; i++)
                    bases[i] = rows is null ? 0 : rows[b + i] * stride;
                if (pop)
                {
                    // Batch search (AVX2 gathers) gives each symbol and cf - start, so start = cf - offset.
                    lanes.PeekCf(first + b, precision, cf[..m]);
                    fixed (uint* offsets = s)
                        VectorSearch.FindBatch(cdf, stride, bases[..m], cf[..m], new Span<int>(symbols + b, m), offsets);
                    for (int i = 0; i < m; i++)
                    {
                        uint* e = cdf + bases[i] + symbols[b + i];
                        s[i] = cf[i] - s[i];
                        f[i] = e[1] - e[0];
                    }
                    lanes.Commit(first + b, s[..m], f[..m], precision);
                }
                else
                {
                    for (int i = 0; i < m; i++)
                    {
                        uint* e = cdf + bases[i] + symbols[b + i];
                        s[i] = e[0];
                        f[i] = e[1] - e[0];
                    }
                    lanes.Push(first + b, s[..m], f[..m], precision);
                }
            }
        }
    }
}
