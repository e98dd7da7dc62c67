// LaneWordTransfer: applies a kernel's one-word-per-lane results to the host-side RansLanes through its
// public range calls only, so the tails, the initial-bit draws and decoder-mode corruption checks stay
// RansLanes' own logic.
//
//   Emit:   head := 2^63 | word, then push the interval [0, 1) at precision 1. Its renormalisation test
//           (head >> 63) >= 1 holds, so RansLanes moves exactly `word` to the tail. The head it leaves is
//           scratch: the caller overwrites it with the kernel's new head.
//   Refill: head := the kernel's pre-refill head x (< 2^32), then commit [0, 2) at precision 1, which is
//           the identity step 2 (x >> 1) + (x & 1) = x; x < 2^32 makes RansLanes refill one word exactly
//           as in any pop (tail word, or seeded initial word, or MessageCorruptException in decoder mode).
// If Engine.Ans grows explicit AppendWord / RefillLane calls, only this file changes.
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

internal static class LaneWordTransfer
{
    private static ReadOnlySpan<uint> Zero => [0u];

    private static ReadOnlySpan<uint> One => [1u];

    private static ReadOnlySpan<uint> Two => [2u];

    /// <summary>Appends <paramref name="word"/> to the tail of <paramref name="lane"/>; the head is left as scratch.</summary>
    public static void Emit(RansLanes lanes, int lane, uint word)
    {
        lanes.Heads[lane] = (1UL << 63) | word;
        lanes.Push(lane, Zero, One, 1);
    }

    /// <summary>Sets the head of <paramref name="lane"/> to <paramref name="preRefill"/> (&lt; 2^32) and refills one word.</summary>
    public static void Refill(RansLanes lanes, int lane, ulong preRefill)
    {
        lanes.Heads[lane] = preRefill;
        lanes.Commit(lane, Zero, Two, 1);
    }
}
