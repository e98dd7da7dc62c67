// InitialBits: the seeded source of "initial bits" for the rANS lanes (docs/architecture.md#initial-bits).
//
// Every value is a pure function of (seed, lane, index) built from the SplitMix64 finaliser, so any
// backend, thread count or lane order reproduces the same initial heads and the same underflow words.
// Word k of lane i is what the k-th pop from lane i's empty tail receives; the initial head of lane i
// is forced into [2^32, 2^64) by setting bit 63 only when the raw value falls below 2^32 (probability
// 2^-32), which keeps the map deterministic and integer-only.
namespace Engine.Ans;

/// <summary>Deterministic initial heads and underflow words for <see cref="RansLanes"/>.</summary>
public static class InitialBits
{
    // Distinct odd constants keep the head stream and the word stream independent.
    private const ulong HeadDomain = 0x6A09E667F3BCC909UL;
    private const ulong WordDomain = 0xBB67AE8584CAA73BUL;
    private const ulong LaneStep = 0x9E3779B97F4A7C15UL;

    /// <summary>SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The initial head of <paramref name="lane"/>: a value in [2^32, 2^64).</summary>
    public static ulong Head(ulong seed, int lane)
    {
        ulong h = Mix(Mix(seed ^ HeadDomain) + (ulong)(uint)lane * LaneStep);
        // Raw values below 2^32 are mapped up so the rANS invariant holds from the first call.
        return h >= (1UL << 32) ? h : h | (1UL << 63);
    }

    /// <summary>Word <paramref name="index"/> of the underflow source of <paramref name="lane"/>.</summary>
    public static uint Word(ulong seed, int lane, long index)
        => WordFromKey(WordKey(seed, lane), index);

    /// <summary>The per-lane key of <see cref="Word"/>, so hot loops can hoist the lane part.</summary>
    public static ulong WordKey(ulong seed, int lane) => Mix(Mix(seed ^ WordDomain) + (ulong)(uint)lane * LaneStep);

    /// <summary><see cref="Word"/> from a hoisted lane key.</summary>
    public static uint WordFromKey(ulong laneKey, long index) => (uint)(Mix(laneKey + (ulong)index * LaneStep) >> 32);
}
