// CpuBackend.Tables: symbols through a CdfTable (model rows, weight rows, kernel rows), a row index per lane.
//
// A one-row table from CdfRows goes straight to RansLanes' CumulativeTable path (reciprocal pushes, slot-array
// pops at precision <= 16). Otherwise each worker walks its range in blocks of at most Block lanes, gathers
// each lane's (start, freq) from its row into stack buffers (pops: peek the cfs and search all the block's
// rows at once with VectorSearch.FindBatch first) and hands the block to RansLanes.Push / Commit. With a mask,
// each maximal run of active lanes is one such walk; inactive lanes are neither read nor written.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    private const int Block = 512;

    /// <inheritdoc />
    public unsafe void PushSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
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
        BackendChecks.TableCall(table, rows, n, mask);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (int* s = symbols)
        fixed (byte* m = mask)
            Run(new TableWork(lanes, firstLane, table.Stride, table.Precision, table.Single, cdf, r, s, m, pop: true), n, MinLanesPerTask);
    }

    private readonly unsafe struct TableWork(RansLanes lanes, int first, int stride, int precision, CumulativeTable? single,
        uint* cdf, int* rows, int* symbols, byte* mask, bool pop) : IRangeWork
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
