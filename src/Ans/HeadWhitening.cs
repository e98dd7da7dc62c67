// HeadWhitening: a fixed bijection of a rANS head's low 24 bits — the cf a precision-24 pop reads — applied right before a
// pop. Why: a pop that follows a push reads a cf inside the interval the push just wrote, so the popped value is tied to
// the pushed one instead of following its own distribution ("dirty bits": the rate drifts from the coder's bound). Mixing
// the cf bits spreads it over the whole range whatever was pushed. Only the low 24 bits move, so 2^32 <= head < 2^64 holds
// and log2(head) changes by under 2^24 / head (at most 2^-8 of the head, below 1e-5 bits a step on average): mixing the
// whole low word instead would cost about 0.005 bits a step near the head's lower bound. The mixer is a 24-bit xorshift-
// multiply (each step invertible modulo 2^24); Unmix undoes it exactly.
// A coder that whitens must mirror it: the encoder mixes before each pop and after each push, so the decoder, running the
// inverse operations in reverse, unmixes after each push and before each pop.
using System.Runtime.CompilerServices;

namespace Engine.Ans;

/// <summary>An invertible mix of the low 24 bits of rANS heads.</summary>
public static class HeadWhitening
{
    /// <summary>The bits mixed: the cf of a precision-24 pop.</summary>
    public const int Bits = 24;

    private const uint Mask = (1u << Bits) - 1;
    private const uint A = 0x7feb35, B = 0x846ca7;
    private static readonly uint InverseA = Inverse(A), InverseB = Inverse(B);

    /// <summary>Mixes the low 24 bits of every head in <paramref name="heads"/>.</summary>
    public static void Mix(Span<ulong> heads)
    {
        for (int i = 0; i < heads.Length; i++) heads[i] = (heads[i] & ~(ulong)Mask) | Mix((uint)heads[i] & Mask);
    }

    /// <summary>Undoes <see cref="Mix(Span{ulong})"/>.</summary>
    public static void Unmix(Span<ulong> heads)
    {
        for (int i = 0; i < heads.Length; i++) heads[i] = (heads[i] & ~(ulong)Mask) | Unmix((uint)heads[i] & Mask);
    }

    /// <summary>x ^= x >> 12; x *= A; x ^= x >> 13; x *= B; x ^= x >> 12, all modulo 2^24 (x below 2^24).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(uint x)
    {
        x ^= x >> 12;
        x = (x * A) & Mask;
        x ^= x >> 13;
        x = (x * B) & Mask;
        x ^= x >> 12;
        return x;
    }

    /// <summary>The inverse of <see cref="Mix(uint)"/>: each step undone in reverse (x ^= x >> s with 2 s >= 24 undoes itself).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Unmix(uint x)
    {
        x ^= x >> 12;
        x = (x * InverseB) & Mask;
        x ^= x >> 13;
        x = (x * InverseA) & Mask;
        x ^= x >> 12;
        return x;
    }

    // The inverse of an odd a modulo 2^24 by Newton's iteration (each step doubles the correct low bits).
    private static uint Inverse(uint a)
    {
        uint x = a;
        for (int i = 0; i < 5; i++) x *= 2 - a * x;
        return x & Mask;
    }
}
