// HostLanes: lane work that never leaves the host on any backend. PeekCf is a mask of the heads, which
// live in host memory: Vector256 masks four heads at a time and narrows pairs of vectors to 32-bit cfs,
// so no backend pays a device round trip for it.
using System.Runtime.Intrinsics;
using Engine.Ans;

namespace Engine.Gpu;

internal static class HostLanes
{
    public static void PeekCf(RansLanes lanes, int firstLane, int precision, Span<uint> cf)
    {
        RansStep.CheckPrecision(precision);
        BackendChecks.Lanes(lanes, firstLane, cf.Length);
        ReadOnlySpan<ulong> heads = lanes.Heads.Slice(firstLane, cf.Length);
        ulong mask = (1UL << precision) - 1;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ulong> m = Vector256.Create(mask);
            for (; i <= heads.Length - 8; i += 8)
            {
                Vector256<ulong> lo = Vector256.Create(heads.Slice(i, 4)) & m;
                Vector256<ulong> hi = Vector256.Create(heads.Slice(i + 4, 4)) & m;
                Vector256.Narrow(lo, hi).CopyTo(cf.Slice(i, 8));
            }
        }
        for (; i < heads.Length; i++)
            cf[i] = (uint)(heads[i] & mask);
    }
}
