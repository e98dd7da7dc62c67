// IlgpuBackend.Tables: symbols through a cached device copy of CdfRows (row 0, or a row index per lane)
// and through per-lane flat CDF rows uploaded with the call (rows that change every step, e.g. weights).
// Pops search the integer CDF row on the device (cf -> symbol) and commit in the same kernel; popped
// symbols come back through a host buffer so masked-out lanes keep the caller's values.
using ILGPU;
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public void PushSymbols(RansLanes lanes, int firstLane, CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.TableCall(table, rows, n);
        BackendChecks.Symbols(symbols, table.Width);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        PushTableKernel(n, heads, TableView(table), _i32A.Upload(_stream, rows), RowMode(rows), table.Stride, table.Precision,
            _i32B.Upload(_stream, symbols), _mask.View(1), 0, _status.View(n));
        FinishPush(lanes, firstLane, n, heads, "table symbol is not a valid interval.");
    }

    /// <inheritdoc />
    public void PopSymbols(RansLanes lanes, int firstLane, CdfRows table, ReadOnlySpan<int> rows, Span<int> symbols)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.TableCall(table, rows, n);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        ArrayView<int> dSymbols = _i32B.View(n);
        PopTableKernel(n, heads, TableView(table), _i32A.Upload(_stream, rows), RowMode(rows), table.Stride, table.Precision, dSymbols,
            _mask.View(1), 0);
        Enqueue(dSymbols, symbols);
        FinishPop(lanes, firstLane, n, heads, "table row does not hold the head's cf.");
    }

    /// <inheritdoc />
    public void PushRows(RansLanes lanes, int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        int stride = BackendChecks.FlatRows(cdfRows, symbolCount, precision, n);
        BackendChecks.Mask(mask, n);
        CheckActiveSymbols(symbols, symbolCount, mask);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        PushTableKernel(n, heads, _u32C.Upload(_stream, cdfRows), _i32A.View(1), RansKernels.RowPerLane, stride, precision,
            _i32B.Upload(_stream, symbols), _mask.Upload(_stream, mask), mask.IsEmpty ? 0 : 1, _status.View(n));
        FinishPush(lanes, firstLane, n, heads, $"row interval is not a valid symbol at precision {precision} (a malformed CDF row).");
    }

    /// <inheritdoc />
    public void PopRows(RansLanes lanes, int firstLane, ReadOnlySpan<uint> cdfRows, int symbolCount, int precision, Span<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        int stride = BackendChecks.FlatRows(cdfRows, symbolCount, precision, n);
        BackendChecks.Mask(mask, n);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        ArrayView<int> dSymbols = _i32B.View(n);
        PopTableKernel(n, heads, _u32C.Upload(_stream, cdfRows), _i32A.View(1), RansKernels.RowPerLane, stride, precision, dSymbols,
            _mask.Upload(_stream, mask), mask.IsEmpty ? 0 : 1);
        Span<int> found = mask.IsEmpty ? symbols : HostInts(n);
        Enqueue(dSymbols, found);
        FinishPop(lanes, firstLane, n, heads, $"row search at precision {precision} found no interval holding the head's cf (a malformed CDF row).");
        if (!mask.IsEmpty)
        {
            for (int i = 0; i < n; i++)
            {
                if (mask[i] != 0)
                    symbols[i] = found[i];
            }
        }
    }

    private static int RowMode(ReadOnlySpan<int> rows) => rows.IsEmpty ? RansKernels.RowShared : RansKernels.RowIndexed;

    /// <summary>Symbols of active lanes must be below K (inactive lanes' entries are never read).</summary>
    private static void CheckActiveSymbols(ReadOnlySpan<int> symbols, int symbolCount, ReadOnlySpan<byte> mask)
    {
        if (mask.IsEmpty)
        {
            BackendChecks.Symbols(symbols, symbolCount);
            return;
        }
        for (int i = 0; i < symbols.Length; i++)
        {
            if (mask[i] != 0 && (uint)symbols[i] >= (uint)symbolCount)
                throw new ArgumentOutOfRangeException(nameof(symbols), $"Lane {i}: symbol {symbols[i]} is not in [0, {symbolCount}).");
        }
    }
}
