// IlgpuBackend.Lanes: interval push / commit (optionally masked) and exact uniforms on the device.
// Each call is upload -> one kernel -> download -> FinishPush / FinishPop on the host.
using ILGPU;
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public void Push(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision,
        ReadOnlySpan<byte> mask = default)
    {
        int n = CheckIntervals(lanes, firstLane, starts.Length, freqs.Length, precision, mask);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        PushIntervalsKernel(n, heads, _u32A.Upload(_stream, starts), _u32B.Upload(_stream, freqs), _mask.Upload(_stream, mask),
            mask.IsEmpty ? 0 : 1, precision, _status.View(n));
        FinishPush(lanes, firstLane, n, heads, $"interval is not a valid symbol at precision {precision} (need freq >= 1, start + freq <= 2^precision).");
    }

    /// <inheritdoc />
    public void Commit(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision,
        ReadOnlySpan<byte> mask = default)
    {
        int n = CheckIntervals(lanes, firstLane, starts.Length, freqs.Length, precision, mask);
        if (n == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, n);
        CommitIntervalsKernel(n, heads, _u32A.Upload(_stream, starts), _u32B.Upload(_stream, freqs), _mask.Upload(_stream, mask),
            mask.IsEmpty ? 0 : 1, precision);
        FinishPop(lanes, firstLane, n, heads, $"commit interval at precision {precision} does not contain the head's cf (or is not a valid interval).");
    }

    /// <inheritdoc />
    public void PushUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int count = values.Length;
        BackendChecks.Lanes(lanes, firstLane, count);
        BackendChecks.Length(count, n.Length, nameof(n));
        if (count == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, count);
        PushUniformKernel(count, heads, _u32A.Upload(_stream, values), _u32B.Upload(_stream, n), _status.View(count));
        FinishPush(lanes, firstLane, count, heads, "uniform value is not below n (or n = 0).");
    }

    /// <inheritdoc />
    public void PopUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> n, Span<uint> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int count = values.Length;
        BackendChecks.Lanes(lanes, firstLane, count);
        BackendChecks.Length(count, n.Length, nameof(n));
        if (count == 0)
            return;
        ArrayView<ulong> heads = UploadHeads(lanes, firstLane, count);
        ArrayView<uint> dValues = _u32B.View(count);
        PopUniformKernel(count, heads, _u32A.Upload(_stream, n), dValues);
        Enqueue(dValues, values);
        FinishPop(lanes, firstLane, count, heads, "uniform over n = 0.");
    }

    private int CheckIntervals(RansLanes lanes, int firstLane, int n, int freqs, int precision, ReadOnlySpan<byte> mask)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RansStep.CheckPrecision(precision);
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.Length(n, freqs, nameof(freqs));
        BackendChecks.Mask(mask, n);
        return n;
    }
}
