// RansEncSymbol: a push of one fixed (start, freq) with the division replaced by a multiply-high
// (Granlund-Montgomery "round-up" reciprocal with a 65-bit multiplier, as in libdivide's
// branch-free form), bit-identical to RansStep.Encode for every head below 2^64.
//
// With k = ceil(log2 freq) and m = floor(2^(64+k) / freq) + 1 = 2^64 + Reciprocal, the error
// e = m freq - 2^(64+k) lies in (0, freq] <= 2^k, so x e < 2^(64+k) for every x < 2^64 and
// floor(x m / 2^(64+k)) = floor(x / freq). With t = mulhi(x, Reciprocal) that is
// (t + ((x - t) >> 1)) >> (k - 1), which never overflows. freq = 1 uses Reciprocal = 1 (t = 0)
// with both shifts 0. Then head' = x + start + q (2^prec - freq) is the usual
// (q << prec) + x mod freq + start.
using System.Runtime.CompilerServices;

namespace Engine.Ans;

/// <summary>Precomputed push of one symbol interval: multiply-high instead of a division.</summary>
public readonly struct RansEncSymbol
{
    /// <summary>The low 64 bits of the 65-bit reciprocal multiplier.</summary>
    public readonly ulong Reciprocal;
    /// <summary>2^precision - freq.</summary>
    public readonly ulong Complement;
    /// <summary>Interval start.</summary>
    public readonly uint Start;
    /// <summary>Interval width (frequency), at least 1.</summary>
    public readonly uint Freq;
    /// <summary>Shift applied to (x - t): 1, or 0 when freq = 1.</summary>
    public readonly byte PreShift;
    /// <summary>Final shift: ceil(log2 freq) - 1, or 0 when freq = 1.</summary>
    public readonly byte PostShift;

    /// <summary>Precomputes the push of [start, start + freq) at <paramref name="precision"/>.</summary>
    public RansEncSymbol(uint start, uint freq, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (freq == 0 || start + (ulong)freq > 1UL << precision)
            throw new ArgumentException($"Interval start {start}, freq {freq} is invalid at precision {precision}.");
        Start = start;
        Freq = freq;
        Complement = (1UL << precision) - freq;
        int k = freq == 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)freq - 1);
        // Reciprocal = floor(2^64 (2^k - freq) / freq) + 1 by two-step long division in 64-bit words
        // (2^k - freq < freq <= 2^32, so both partial dividends fit).
        ulong num = (1UL << k) - freq;
        ulong a = num << 32;
        ulong q1 = a / freq;
        ulong b = (a - q1 * freq) << 32;
        ulong q0 = b / freq;
        Reciprocal = (q1 << 32) + q0 + 1;
        PreShift = (byte)(k == 0 ? 0 : 1);
        PostShift = (byte)(k == 0 ? 0 : k - 1);
    }

    /// <summary>floor(<paramref name="x"/> / Freq) for any 64-bit x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Quotient(ulong x)
    {
        ulong t = Math.BigMul(x, Reciprocal, out _);
        return (t + ((x - t) >> PreShift)) >> PostShift;
    }

    /// <summary>The push step on an already renormalised head; equals <see cref="RansStep.Encode"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Encode(ulong x) => x + Start + Quotient(x) * Complement;
}
