// DirectLaneBackend: a test double of IRansBackend that forwards the lane calls the coders use straight to
// RansLanes (the CPU semantics by definition), and the coupled inverse CDF and systematic resampler as plain loops, and nothing else. It lets a test measure what the coder
// passes themselves allocate, independent of any backend's own per-call costs.
using Engine.Ans;
using Engine.Ans.Quantization;
using Engine.Gpu;

namespace Engine.Systems.Tests;

internal sealed class DirectLaneBackend : IRansBackend
{
    public string Name => "cpu";

    public BackendKind Kind => BackendKind.Cpu;

    public bool ConcurrentLaneCalls => false;

    public void Push(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision, ReadOnlySpan<byte> mask = default)
    {
        if (mask.IsEmpty) lanes.Push(firstLane, starts, freqs, precision);
        else
            for (int b = 0; b < starts.Length; b++)
                if (mask[b] != 0) lanes.Push(firstLane + b, starts.Slice(b, 1), freqs.Slice(b, 1), precision);
    }

    public void PeekCf(RansLanes lanes, int firstLane, int precision, Span<uint> cf) => lanes.PeekCf(firstLane, precision, cf);

    public void Commit(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision, ReadOnlySpan<byte> mask = default)
    {
        if (mask.IsEmpty) lanes.Commit(firstLane, starts, freqs, precision);
        else
            for (int b = 0; b < starts.Length; b++)
                if (mask[b] != 0) lanes.Commit(firstLane + b, starts.Slice(b, 1), freqs.Slice(b, 1), precision);
    }

    public void PushUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n) => lanes.PushUniform(firstLane, values, n);

    public void PopUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> n, Span<uint> values) => lanes.PopUniform(firstLane, n, values);

    public void PushSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols, ReadOnlySpan<byte> mask = default)
    {
        for (int b = 0; b < symbols.Length; b++)
            if (mask.IsEmpty || mask[b] != 0) lanes.Push(firstLane + b, Row(table, rows, b), table.Width, table.Precision, symbols.Slice(b, 1));
    }

    public void PopSymbols(RansLanes lanes, int firstLane, CdfTable table, ReadOnlySpan<int> rows, Span<int> symbols, ReadOnlySpan<byte> mask = default)
    {
        for (int b = 0; b < symbols.Length; b++)
            if (mask.IsEmpty || mask[b] != 0) lanes.Pop(firstLane + b, Row(table, rows, b), table.Width, table.Precision, symbols.Slice(b, 1));
    }

    public void CoupledInverseCdf(CdfTable table, ReadOnlySpan<int> rows, int rowSlotStride, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts, int slotStride, Span<int> latents)
    {
        uint pointMask = CoupledPoints.Mask(table.Precision);
        for (int i = 0; i < shifts.Length; i++)
            for (int b = 0; b < u.Length; b++)
                latents[i * slotStride + b] = CumulativeTable.FindSymbol(Row(table, rows.IsEmpty ? rows : rows[(i * rowSlotStride)..], b), (u[b] + shifts[i]) & pointMask);
    }

    private static ReadOnlySpan<uint> Row(CdfTable table, ReadOnlySpan<int> rows, int b) => table.Cdf.Slice((rows.IsEmpty ? 0 : rows[b]) * table.Stride, table.Stride);

    public void ResampleSystematic(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> offsets, ReadOnlySpan<uint> shifts, int slotStride, Span<int> ancestors, ReadOnlySpan<byte> mask = default)
    {
        uint pointMask = CoupledPoints.Mask(precision);
        for (int b = 0; b < offsets.Length; b++)
        {
            if (!mask.IsEmpty && mask[b] == 0) continue;
            ReadOnlySpan<uint> row = weightCdfRows.Slice(b * (particles + 1), particles + 1);
            for (int i = 0; i < particles; i++)
                ancestors[i * slotStride + b] = CumulativeTable.FindSymbol(row, (offsets[b] + shifts[i]) & pointMask);
        }
    }

    public void Dispose()
    {
    }
}
