// FixedLog2: log2 in Q32 fixed point (32 fractional bits) with integer arithmetic only, so importance
// weights and resampling decisions are bit-identical on every CPU, OS and GPU (docs/architecture.md#weights-ess-and-resampling-in-fixed-point).
//
// log2(v) for an integer v >= 1: the integer part is the index of the top bit; the mantissa y in [1, 2)
// is held in Q62 and the 32 fractional bits are produced one at a time by squaring (y^2 >= 2 means the
// next bit is 1, then y /= 2). Each squaring truncates below 2^-62, so after 32 squarings the error
// is far below one Q32 unit (2.3e-10); results are rounded toward -infinity.
using System.Numerics;

namespace Engine.Ans.Quantization;

/// <summary>Integer-only base-2 logarithms in Q32.</summary>
public static class FixedLog2
{
    /// <summary>One in Q32.</summary>
    public const long One = 1L << 32;

    /// <summary>log2(<paramref name="value"/>) in Q32 for value >= 1.</summary>
    public static long Of(ulong value)
    {
        if (value == 0)
            throw new ArgumentOutOfRangeException(nameof(value), "log2 of 0 is undefined.");
        int top = 63 - BitOperations.LeadingZeroCount(value);
        // Mantissa in Q62: the top bit moves to bit 62. Values above 2^63 lose low bits (error < 2^-62).
        ulong y = top <= 62 ? value << (62 - top) : value >> 1;
        long frac = 0;
        for (int bit = 31; bit >= 0; bit--)
        {
            ulong hi = Math.BigMul(y, y, out ulong lo);
            y = (hi << 2) | (lo >> 62); // y^2 back in Q62 (y^2 < 4 so it fits in 64 bits)
            if (y >= 1UL << 63)
            {
                frac |= 1L << bit;
                y >>= 1;
            }
        }
        return ((long)top << 32) | frac;
    }

    /// <summary>log2(freq / 2^precision) in Q32 (a value &lt;= 0) for 1 &lt;= freq &lt;= 2^precision.</summary>
    public static long OfRatio(uint freq, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (freq == 0 || freq > 1UL << precision)
            throw new ArgumentOutOfRangeException(nameof(freq), freq, $"freq must be in [1, 2^{precision}].");
        return Of(freq) - ((long)precision << 32);
    }

    /// <summary>A Q32 value as a double (reporting only).</summary>
    public static double ToDouble(long q32) => q32 / (double)One;
}
