// FixedExp2: 2^v for a Q32 exponent v, returned in Q32, with integer arithmetic only (the inverse of
// FixedLog2, used to turn log2 importance weights into linear weights bit-identically everywhere).
//
// v = i + f with integer i = floor(v) and f in [0, 1) as 32 bits b_1..b_32 (b_1 = 1/2). 2^f is the
// product of c_j = 2^(2^-j) over the set bits, each c_j held in Q62 and derived once from 2 by
// repeated integer square roots (c_1 = sqrt 2, c_{j+1} = sqrt c_j), so no floating point is involved.
// The Q62 product is finally shifted by i; results below one Q32 unit are 0 (truncation).
using System.Numerics;

namespace Engine.Ans.Quantization;

/// <summary>Integer-only 2^x in Q32.</summary>
public static class FixedExp2
{
    private const int Frac = 62;
    private static readonly ulong[] Roots = BuildRoots();

    /// <summary>The largest exponent (exclusive) whose result fits: 2^32 in Q32 needs 64 bits.</summary>
    public const long MaxExponentQ32 = 32L << 32;

    /// <summary>2^(<paramref name="exponentQ32"/> / 2^32) in Q32; 0 when the result is below 2^-32.</summary>
    public static ulong Of(long exponentQ32)
    {
        if (exponentQ32 >= MaxExponentQ32)
            throw new ArgumentOutOfRangeException(nameof(exponentQ32), exponentQ32, "2^x overflows Q32 for x >= 32.");
        long whole = exponentQ32 >> 32; // floor
        if (whole < -33)
            return 0;
        uint frac = (uint)exponentQ32;
        ulong r = 1UL << Frac;
        for (int j = 1; j <= 32; j++)
        {
            if ((frac & (1u << (32 - j))) != 0)
            {
                ulong hi = Math.BigMul(r, Roots[j], out ulong lo);
                r = (hi << (64 - Frac)) | (lo >> Frac);
            }
        }
        // r = 2^f in Q62, in [2^62, 2^63). Q32 result = r 2^whole / 2^30.
        int shift = Frac - 32 - (int)whole;
        return shift >= 0 ? (shift >= 64 ? 0 : r >> shift) : r << -shift;
    }

    private static ulong[] BuildRoots()
    {
        var roots = new ulong[33];
        // c_1 = sqrt(2) in Q62 = isqrt(2 * 2^124).
        UInt128 v = (UInt128)2 << (2 * Frac);
        for (int j = 1; j <= 32; j++)
        {
            roots[j] = (ulong)ISqrt(v);
            v = (UInt128)roots[j] << Frac;
        }
        return roots;
    }

    /// <summary>floor(sqrt(n)) by the digit-by-digit method.</summary>
    private static UInt128 ISqrt(UInt128 n)
    {
        UInt128 result = 0;
        int top = 127 - (int)UInt128.LeadingZeroCount(n);
        UInt128 bit = (UInt128)1 << (top & ~1);
        while (bit != 0)
        {
            if (n >= result + bit)
            {
                n -= result + bit;
                result = (result >> 1) + bit;
            }
            else
            {
                result >>= 1;
            }
            bit >>= 2;
        }
        return result;
    }

    internal static int Log2Floor(ulong v) => 63 - BitOperations.LeadingZeroCount(v);
}
