// ExactUniform: the uniform distribution over {0..n-1} for any n >= 1 as a precision-32 rANS table
// (docs/architecture.md#uniforms-over-any-n). rANS needs a power-of-two total, so value v gets frequency q + 1 when v < r and q
// otherwise, with q = floor(2^32 / n) and r = 2^32 mod n: the frequencies sum to exactly 2^32 and the
// lookup is O(1) arithmetic (no table). The unequal frequencies cost below 1.5 n / 2^32 bits over log2 n; coding at
// the head's own lower bound 2^32 costs more, about 0.003 bits per push (measured; docs/architecture.md), so the coders
// code uniforms at a lower precision where n fits (the precision overloads; format version 4).
// n = 1 needs no bits at all, and its single frequency (2^32) does not fit a uint: callers skip it.
using System.Runtime.CompilerServices;

namespace Engine.Ans;

/// <summary>Exact uniform over any n as a precision-32 interval table with O(1) lookup.</summary>
public static class ExactUniform
{
    /// <summary>The precision every exact uniform is coded at.</summary>
    public const int Precision = 32;

    /// <summary>The interval [start, start + freq) of <paramref name="value"/> under Uniform(<paramref name="n"/>), n >= 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint Start, uint Freq) Interval(uint value, uint n)
    {
        if (n < 2 || value >= n)
            ThrowBad(value, n);
        const ulong Total = 1UL << 32;
        uint q = (uint)(Total / n);
        uint r = (uint)(Total - (ulong)q * n);
        uint start = value * q + Math.Min(value, r);
        uint freq = value < r ? q + 1 : q;
        return (start, freq);
    }

    /// <summary>The value whose interval contains <paramref name="cf"/> (any cf in [0, 2^32)), n >= 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Value(uint cf, uint n)
    {
        if (n < 2)
            ThrowBad(0, n);
        const ulong Total = 1UL << 32;
        uint q = (uint)(Total / n);
        uint r = (uint)(Total - (ulong)q * n);
        // The first r values have width q + 1 and cover [0, r (q + 1)); the rest have width q.
        ulong wide = (ulong)r * (q + 1UL);
        return cf < wide ? (uint)(cf / (q + 1UL)) : (uint)(r + (cf - wide) / q);
    }

    /// <summary>The interval of <paramref name="value"/> under the near-uniform table over n at <paramref name="precision"/> bits
    /// (frequencies ⌊2^p / n⌋ or one more, the first 2^p mod n values wider), 2 &lt;= n &lt;= 2^p, p &lt;= 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint Start, uint Freq) Interval(uint value, uint n, int precision)
    {
        if (n < 2 || value >= n || precision > Precision || (ulong)n > 1UL << precision)
            ThrowBad(value, n);
        ulong total = 1UL << precision;
        uint q = (uint)(total / n);
        uint r = (uint)(total - (ulong)q * n);
        return (value * q + Math.Min(value, r), value < r ? q + 1 : q);
    }

    /// <summary>The value whose interval (at <paramref name="precision"/> bits, as <see cref="Interval(uint, uint, int)"/>) holds
    /// <paramref name="cf"/> (any cf below 2^p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Value(uint cf, uint n, int precision)
    {
        if (n < 2 || precision > Precision || (ulong)n > 1UL << precision)
            ThrowBad(0, n);
        ulong total = 1UL << precision;
        uint q = (uint)(total / n);
        uint r = (uint)(total - (ulong)q * n);
        ulong wide = (ulong)r * (q + 1UL);
        return cf < wide ? (uint)(cf / (q + 1UL)) : (uint)(r + (cf - wide) / q);
    }

    /// <summary>Exact code length of <paramref name="value"/> in bits: 32 - log2(freq).</summary>
    public static double Bits(uint value, uint n)
        => n == 1 ? 0.0 : 32.0 - Math.Log2(Interval(value, n).Freq);

    private static void ThrowBad(uint value, uint n)
        => throw new ArgumentOutOfRangeException(nameof(value),
            $"Uniform value {value} over n = {n} is invalid (need n >= 2 here and value < n).");
}
