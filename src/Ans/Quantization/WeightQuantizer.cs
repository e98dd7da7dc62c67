// WeightQuantizer: unnormalised log2 importance weights (Q32) -> integer frequencies summing to 2^prec,
// every freq >= 1, with integer arithmetic only, so the particle index j and resampling draws are
// bit-identical on every CPU and GPU.
//
// w_i = FixedExp2(l_i - max l) in Q32 (the largest weight is exactly 2^32), W = sum w_i, then the fast
// rule f_i = floor(w_i (M - K) / W) + 1 with the remainder (>= 0 exactly, since the floors sum to at
// most M - K) given to the first arg-max. 128-bit products keep every step exact.
namespace Engine.Ans.Quantization;

/// <summary>Canonical, integer-only quantisation of log2 importance weights.</summary>
public static class WeightQuantizer
{
    /// <summary>Log2 weight that stands for a zero weight (it quantises to frequency 1).</summary>
    public const long ZeroWeight = long.MinValue;

    /// <summary>
    /// Fills <paramref name="freqs"/> (K = log2WeightsQ32.Length, 1 &lt;= K &lt;= 2^precision, K >= 2 at 32).
    /// </summary>
    public static void FromLog2Weights(ReadOnlySpan<long> log2WeightsQ32, int precision, Span<uint> freqs)
    {
        RansStep.CheckPrecision(precision);
        int k = log2WeightsQ32.Length;
        if (freqs.Length != k)
            throw new ArgumentException($"{k} weights but {freqs.Length} frequency slots.");
        if (k < 1 || (ulong)k > 1UL << precision || (precision == 32 && k < 2))
            throw new ArgumentException($"K = {k} weights cannot be quantised at precision {precision}.");
        if (k > int.MaxValue / 2)
            throw new ArgumentException("Too many weights.");
        long max = Max(log2WeightsQ32);
        if (max == ZeroWeight)
            throw new ArgumentException("Every weight is zero.", nameof(log2WeightsQ32));
        ulong total = 0;
        int argmax = 0;
        for (int i = 0; i < k; i++)
        {
            ulong w = LinearWeight(log2WeightsQ32[i], max);
            total += w;
            if (log2WeightsQ32[i] == max && log2WeightsQ32[argmax] != max)
                argmax = i;
        }
        ulong spare = (1UL << precision) - (ulong)k;
        ulong assigned = 0;
        for (int i = 0; i < k; i++)
        {
            ulong w = LinearWeight(log2WeightsQ32[i], max);
            ulong extra = (ulong)((UInt128)w * spare / total);
            freqs[i] = (uint)(extra + 1);
            assigned += extra + 1;
        }
        freqs[argmax] += (uint)((1UL << precision) - assigned);
    }

    /// <summary>The linear weight of <paramref name="log2Q32"/> relative to <paramref name="maxQ32"/>, in Q32 (max -> 2^32).</summary>
    public static ulong LinearWeight(long log2Q32, long maxQ32)
    {
        if (log2Q32 == ZeroWeight)
            return 0;
        if (log2Q32 > maxQ32)
            throw new ArgumentOutOfRangeException(nameof(log2Q32), "A weight exceeds the maximum.");
        // Differences below -64 are zero anyway; clamping avoids overflow of the subtraction.
        long d = maxQ32 - log2Q32;
        if (d < 0 || d > 64L << 32)
            return 0;
        return FixedExp2.Of(-d);
    }

    /// <summary>The largest entry, or <see cref="ZeroWeight"/> when every entry is a zero weight.</summary>
    public static long Max(ReadOnlySpan<long> log2WeightsQ32)
    {
        long max = ZeroWeight;
        foreach (long v in log2WeightsQ32)
            max = Math.Max(max, v);
        return max;
    }
}
