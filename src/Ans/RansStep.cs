// RansStep: the scalar rANS arithmetic of docs/architecture.md#push-and-pop (64-bit head, L = 2^32, 32-bit words), shared by
// every lane loop so the CPU paths and any backend twin compute identical heads.
//
// push:  if head >= freq << (64 - prec) emit the low word;   head = (head / freq << prec) + head % freq + start
// pop:   cf = head & (2^prec - 1);  head = freq * (head >> prec) + cf - start;  refill one word if head < 2^32
// The renormalisation test is written as (head >> (64 - prec)) >= freq, which is the same predicate
// but cannot overflow when freq == 2^prec (a certain symbol). One word in or out always restores the
// invariant because L equals the word size.
using System.Runtime.CompilerServices;

namespace Engine.Ans;

/// <summary>Pure scalar rANS steps on one 64-bit head (no validation; callers check their inputs).</summary>
public static class RansStep
{
    /// <summary>The lower bound L of the head interval [2^32, 2^64).</summary>
    public const ulong LowerBound = 1UL << 32;

    /// <summary>Smallest supported precision (bits of the total).</summary>
    public const int MinPrecision = 1;

    /// <summary>Largest supported precision (bits of the total).</summary>
    public const int MaxPrecision = 32;

    /// <summary>True when a push of <paramref name="freq"/> must first move the low word of the head to the tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MustEmit(ulong head, ulong freq, int precision) => (head >> (64 - precision)) >= freq;

    /// <summary>The push step proper, on an already renormalised head.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Encode(ulong head, ulong start, ulong freq, int precision)
    {
        ulong q = head / freq;
        return (q << precision) + (head - q * freq) + start;
    }

    /// <summary>The cumulative frequency a pop at <paramref name="precision"/> would decode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PeekCf(ulong head, int precision) => (uint)(head & ((1UL << precision) - 1));

    /// <summary>The pop step proper (before refill): inverse of <see cref="Encode"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Decode(ulong head, ulong start, ulong freq, int precision)
        => freq * (head >> precision) + (head & ((1UL << precision) - 1)) - start;

    /// <summary>Throws unless <paramref name="precision"/> is in 1..32.</summary>
    public static void CheckPrecision(int precision)
    {
        if ((uint)(precision - MinPrecision) > MaxPrecision - MinPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "rANS precision must be in 1..32.");
    }
}
