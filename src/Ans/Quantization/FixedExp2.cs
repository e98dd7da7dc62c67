// FixedExp2: 2^v for a Q32 exponent v, returned in Q32, with integer arithmetic only (the inverse of
// FixedLog2, used to turn log2 importance weights into linear weights bit-identically everywhere).
//
// v = i + f with integer i = floor(v) and f in [0, 1) as 32 bits b_1..b_32 (b_1 = 1/2). 2^f is the
// product of c_j = 2^(2^-j) over the set bits, taken in order j = 1..32, each step truncating the Q62
// product: r <- floor(r c_j / 2^62). The c_j are held in Q62 and derived once from 2 by repeated
// integer square roots (c_1 = sqrt 2, c_{j+1} = sqrt c_j), so no floating point is involved. The Q62
// product is finally shifted by i; results below one Q32 unit are 0 (truncation).
//
// Speed, with the same bits: r starts at the constant 1 (2^62), so after the first HeadBits steps it is
// a function of the top HeadBits bits of f alone: one lookup in a table built by those same truncating
// steps replaces them. The remaining steps start from an arbitrary r and cannot be tabulated exactly;
// each multiplies by c_j or, for a clear bit, by 2^62 (exactly the identity in Q62), chosen with a mask
// instead of a branch: f's bits are data, and a branch per bit mispredicted on real weights.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Ans.Quantization;

/// <summary>Integer-only 2^x in Q32.</summary>
public static class FixedExp2
{
    private const int Frac = 62;
    private const ulong OneQ62 = 1UL << Frac;

    /// <summary>Leading fraction bits resolved by one table lookup (256 entries, 2 KiB).</summary>
    private const int HeadBits = 8;

    /// <summary>c_j - 2^62 for j = 0..32 (entry 0 unused): the multiplier of a set bit minus the identity's.</summary>
    private static readonly ulong[] RootExcess = BuildRootExcess();

    /// <summary>r after the steps j = 1..HeadBits, indexed by those bits of f.</summary>
    private static readonly ulong[] Head = BuildHead();

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
        ulong r = Head[frac >> (32 - HeadBits)];
        ulong[] excess = RootExcess;
        for (int j = HeadBits + 1; j <= 32; j++)
            r = Step(r, excess[j], (frac >> (32 - j)) & 1);
        // r = 2^f in Q62, in [2^62, 2^63). Q32 result = r 2^whole / 2^30; whole >= -33 keeps shift <= 63.
        int shift = Frac - 32 - (int)whole;
        return shift >= 0 ? r >> shift : r << -shift;
    }

    /// <summary>One truncating step: r c_j / 2^62 when <paramref name="bit"/> is 1, r (times 2^62 / 2^62) when 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong r, ulong excess, uint bit)
    {
        ulong m = OneQ62 + (excess & (0UL - bit));
        ulong hi = Math.BigMul(r, m, out ulong lo);
        return (hi << (64 - Frac)) | (lo >> Frac);
    }

    private static ulong[] BuildRootExcess()
    {
        var excess = new ulong[33];
        // c_1 = sqrt(2) in Q62 = isqrt(2 * 2^124); c_{j+1} = isqrt(c_j * 2^62).
        UInt128 v = (UInt128)2 << (2 * Frac);
        for (int j = 1; j <= 32; j++)
        {
            ulong root = (ulong)ISqrt(v);
            excess[j] = root - OneQ62;
            v = (UInt128)root << Frac;
        }
        return excess;
    }

    private static ulong[] BuildHead()
    {
        ulong[] excess = RootExcess;
        var head = new ulong[1 << HeadBits];
        for (uint top = 0; top < head.Length; top++)
        {
            ulong r = OneQ62;
            for (int j = 1; j <= HeadBits; j++)
                r = Step(r, excess[j], (top >> (HeadBits - j)) & 1);
            head[top] = r;
        }
        return head;
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
