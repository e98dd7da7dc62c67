// CpuBackend.Intervals: interval push and phase two of a pop, optionally masked. Each worker range is
// handed to RansLanes.Push / Commit whole, or as its maximal runs of active lanes when a mask is given,
// so inactive lanes are never touched.
using Engine.Ans;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public unsafe void Push(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs,
        int precision, ReadOnlySpan<byte> mask = default)
    {
        int n = starts.Length;
        CheckIntervals(lanes, firstLane, n, freqs.Length, precision, mask);
        fixed (uint* s = starts)
        fixed (uint* f = freqs)
        fixed (byte* m = mask)
            Run(new IntervalWork(lanes, firstLane, s, f, m, precision, commit: false), n, MinLanesPerTask);
    }

    /// <inheritdoc />
    public unsafe void Commit(RansLanes lanes, int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs,
        int precision, ReadOnlySpan<byte> mask = default)
    {
        int n = starts.Length;
        CheckIntervals(lanes, firstLane, n, freqs.Length, precision, mask);
        fixed (uint* s = starts)
        fixed (uint* f = freqs)
        fixed (byte* m = mask)
            Run(new IntervalWork(lanes, firstLane, s, f, m, precision, commit: true), n, MinLanesPerTask);
    }

    private static void CheckIntervals(RansLanes lanes, int firstLane, int n, int freqs, int precision, ReadOnlySpan<byte> mask)
    {
        RansStep.CheckPrecision(precision);
        BackendChecks.Lanes(lanes, firstLane, n);
        BackendChecks.Length(n, freqs, nameof(freqs));
        BackendChecks.Mask(mask, n);
    }

    private readonly unsafe struct IntervalWork(RansLanes lanes, int first, uint* starts, uint* freqs, byte* mask, int precision, bool commit)
        : IRangeWork, IRunWork
    {
        public void Run(int start, int count) => MaskRuns.Run(this, mask, start, count);

        public void Apply(int start, int end)
        {
            var s = new ReadOnlySpan<uint>(starts + start, end - start);
            var f = new ReadOnlySpan<uint>(freqs + start, end - start);
            if (commit)
                lanes.Commit(first + start, s, f, precision);
            else
                lanes.Push(first + start, s, f, precision);
        }
    }
}
