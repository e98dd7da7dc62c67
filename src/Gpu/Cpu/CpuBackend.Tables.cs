// CpuBackend.Tables: symbols through CdfRows (fixed model tables) and through per-lane flat CDF rows.
//
// A one-row CdfRows goes straight to RansLanes' CumulativeTable path (reciprocal pushes, slot-array pops
// at precision <= 16). Several rows: each worker walks its range in blocks of Block lanes, gathers each
// lane's (start, freq) from its row into stack buffers (pops: peek the cfs and search all the block's rows
// at once with VectorSearch.FindBatch first) and hands the block to RansLanes.Push / Commit. Flat
// per-lane rows go to RansLanes' per-lane-row calls, one call per maximal run of active lanes when masked.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    private const int Block = 512;

    /// <inheritdoc />
    public unsafe void PushSymbols(RansLanes lanes, int firstLane, CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.TableCall(table, rows, n);
        BackendChecks.Symbols(symbols, table.Width);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (int* s = symbols)
            Run(new TableWork(lanes, firstLane, table, table.SingleTable, cdf, r, s, pop: false), n, MinLanesPerTask);
    }

    /// <inheritdoc />
    public unsafe void PopSymbols(RansLanes lanes, int firstLane, CdfRows table, ReadOnlySpan<int> rows, Span<int> symbols)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.TableCall(table, rows, n);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (int* s = symbols)
            Run(new TableWork(lanes, firstLane, table, table.SingleTable, cdf, r, s, pop: true), n, MinLanesPerTask);
    }

    /// <inheritdoc />
    public unsafe void PushRows(RansLanes lanes, int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        int stride = BackendChecks.FlatRows(cdfRows, symbolCount, precision, n);
        BackendChecks.Mask(mask, n);
        fixed (uint* cdf = cdfRows)
        fixed (int* s = symbols)
        fixed (byte* m = mask)
            Run(new FlatRowsWork(lanes, firstLane, cdf, stride, precision, s, m, pop: false), n, MinLanesPerTask);
    }

    /// <inheritdoc />
    public unsafe void PopRows(RansLanes lanes, int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, Span<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        int stride = BackendChecks.FlatRows(cdfRows, symbolCount, precision, n);
        BackendChecks.Mask(mask, n);
        fixed (uint* cdf = cdfRows)
        fixed (int* s = symbols)
        fixed (byte* m = mask)
            Run(new FlatRowsWork(lanes, firstLane, cdf, stride, precision, s, m, pop: true), n, MinLanesPerTask);
    }

    private readonly unsafe struct TableWork(RansLanes lanes, int first, CdfRows table, CumulativeTable? single,
        uint* cdf, int* rows, int* symbols, bool pop) : IRangeWork
    {
        public void Run(int start, int count)
        {
            if (single is not null)
            {
                // One row: every row index is 0 (checked), so the static-table path applies.
                if (pop)
                    lanes.Pop(first + start, single, new Span<int>(symbols + start, count));
                else
                    lanes.Push(first + start, single, new ReadOnlySpan<int>(symbols + start, count));
                return;
            }
            int stride = table.Stride, precision = table.Precision;
            Span<uint> s = stackalloc uint[Block];
            Span<uint> f = stackalloc uint[Block];
            Span<uint> cf = stackalloc uint[Block];
            Span<int> bases = stackalloc int[Block];
            for (int b = start; b < start + count; b += Block)
            {
                int m = Math.Min(Block, start + count - b);
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

    private readonly unsafe struct FlatRowsWork(RansLanes lanes, int first, uint* cdf, int stride, int precision, int* symbols, byte* mask, bool pop)
        : IRangeWork
    {
        public void Run(int start, int count)
        {
            if (mask is null)
            {
                Apply(start, start + count);
                return;
            }
            int limit = start + count;
            for (int b = start; NextRun(mask, b, limit, out int runStart, out int runEnd); b = runEnd)
                Apply(runStart, runEnd);
        }

        private void Apply(int start, int end)
        {
            int count = end - start;
            var rows = new ReadOnlySpan<uint>(cdf + (long)start * stride, count * stride);
            if (pop)
                lanes.Pop(first + start, rows, stride - 1, precision, new Span<int>(symbols + start, count));
            else
                lanes.Push(first + start, rows, stride - 1, precision, new ReadOnlySpan<int>(symbols + start, count));
        }
    }
}
