// Adapter between the toy models and the integer quantisers. Counts -> freqs uses the "fast" rule of
// DESIGN §4 done exactly in integers: f_i = floor(c_i * (M - K) / S) + 1, remainder to the first arg-max,
// so every freq >= 1 and the row sums to M = 2^precision. log2(f / M) in Q32 comes from an integer method.
namespace Engine.Models.Toy;

/// <summary>Integer quantisation of count rows and fixed-point log2 of the resulting ratios.</summary>
internal static class CountQuantizer
{
    public static void Quantize(ReadOnlySpan<long> counts, int precision, Span<uint> freqs)
    {
        int k = counts.Length;
        long m = 1L << precision;
        long total = 0;
        int argMax = 0;
        for (int i = 0; i < k; i++)
        {
            if (counts[i] < 1) throw new ArgumentOutOfRangeException(nameof(counts), "Every count must be >= 1.");
            total = checked(total + counts[i]);
            if (counts[i] > counts[argMax]) argMax = i;
        }
        long spread = m - k, used = 0;
        for (int i = 0; i < k; i++)
        {
            long f = (long)(((Int128)counts[i] * spread) / total) + 1;
            freqs[i] = (uint)f;
            used += f;
        }
        freqs[argMax] += (uint)(m - used);
    }

    public static long Log2RatioQ32(uint freq, int precision) => Log2Q32(freq) - ((long)precision << 32);

    /// <summary>log2(v) in Q32 for v &gt;= 1: integer part from the bit length, fraction by 32 squarings (exact bits).</summary>
    private static long Log2Q32(uint v)
    {
        int ip = 31 - System.Numerics.BitOperations.LeadingZeroCount(v);
        // Normalise v / 2^ip into [1, 2) as a Q62 fraction, then extract fractional bits by repeated squaring.
        ulong x = (ulong)v << (62 - ip);
        long frac = 0;
        for (int b = 31; b >= 0; b--)
        {
            UInt128 sq = (UInt128)x * x;
            x = (ulong)(sq >> 62);
            if (x >= 1UL << 63)
            {
                x >>= 1;
                frac |= 1L << b;
            }
        }
        return ((long)ip << 32) + frac;
    }
}
