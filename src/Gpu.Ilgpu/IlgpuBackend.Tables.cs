// IlgpuBackend.Tables: symbols through a CdfTable (a cached device copy for a keyed view, see TableCache; uploaded
// with the call otherwise), with row 0 or a row index per lane. Pops search the integer CDF row on the device (cf -> symbol) and commit in the same
// kernel; popped symbols come back through a host buffer so masked-out lanes keep the caller's values.
using ILGPU;
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public void PushSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.TableCall(table, rows, n, mask);
        BackendChecks.ActiveBelow(symbols, table.Width, mask, nameof(symbols), "symbol");
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        PushTableKernel(n, heads, TableView(table), _i32A.Upload(_stream, rows), RowMode(rows), table.Stride, table.Precision,
            _i32B.Upload(_stream, symbols), _mask.Upload(_stream, mask), mask.IsEmpty ? 0 : 1, _status.View(n));
        FinishPush(lanes, firstLane, n, heads, $"table interval is not a valid symbol at precision {table.Precision} (a malformed CDF row).");
    }

    /// <inheritdoc />
    public void PopSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, Span<int> symbols,
        ReadOnlySpan<byte> mask = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = symbols.Length;
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.TableCall(table, rows, n, mask);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        ArrayView<int> dSymbols = _i32B.View(n);
        PopTableKernel(n, heads, TableView(table), _i32A.Upload(_stream, rows), RowMode(rows), table.Stride, table.Precision, dSymbols,
            _mask.Upload(_stream, mask), mask.IsEmpty ? 0 : 1);
        Span<int> found = mask.IsEmpty ? symbols : HostInts(n);
        Enqueue(dSymbols, found);
        FinishPop(lanes, firstLane, n, heads, $"table search at precision {table.Precision} found no interval holding the head's cf (a malformed CDF row).");
        if (mask.IsEmpty)
            return;
        for (int i = 0; i < n; i++)
        {
            if (mask[i] != 0)
                symbols[i] = found[i];
        }
    }

    private static int RowMode(ReadOnlySpan<int> rows) => rows.IsEmpty ? RansKernels.RowShared : RansKernels.RowIndexed;

}
