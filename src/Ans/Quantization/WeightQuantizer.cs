// WeightQuantizer: unnormalised log2 importance weights (Q32) -> integer frequencies summing to 2^prec,
// every freq >= 1, with integer arithmetic only, so the particle index j and resampling draws are
// bit-identical on every CPU and GPU.
//
// w_i = FixedExp2(l_i - max l) in Q32 (the largest weight is exactly 2^32, every other one is below it),
// W = sum w_i, then the fast rule f_i = floor(w_i (M - K) / W) + 1 with the remainder (>= 0 exactly,
// since the floors sum to at most M - K) given to the first arg-max. Every product is exact: w_i <= 2^32
// and M - K < 2^32 keep w_i (M - K) below 2^64.
//
// The exponentials are the expensive part, so a caller that needs them twice (the ESS test and the
// table) computes them once with LinearWeights and passes them to FromLinearWeights and
// FixedEss.IsBelowHalf(linear); FromLog2Weights does the same internally with a stack buffer.
using System.Buffers;

namespace Engine.Ans.Quantization;

/// <summary>Canonical, integer-only quantisation of log2 importance weights.</summary>
public static class WeightQuantizer
{
    /// <summary>Log2 weight that stands for a zero weight (it quantises to frequency 1).</summary>
    public const long ZeroWeight = long.MinValue;

    /// <summary>The largest linear weight (Q32 one): what the largest log2 weight maps to.</summary>
    public const ulong MaxLinearWeight = 1UL << 32;

    /// <summary>Weights whose linear values fit on the stack in <see cref="FromLog2Weights"/>.</summary>
    private const int StackWeights = 512;

    /// <summary>
    /// Fills <paramref name="freqs"/> (K = log2WeightsQ32.Length, 1 &lt;= K &lt;= 2^precision, K >= 2 at 32).
    /// </summary>
    public static void FromLog2Weights(ReadOnlySpan<long> log2WeightsQ32, int precision, Span<uint> freqs)
    {
        int k = log2WeightsQ32.Length;
        CheckCounts(k, precision, freqs.Length);
        ulong[]? rented = null;
        Span<ulong> linear = k <= StackWeights ? stackalloc ulong[StackWeights] : (rented = ArrayPool<ulong>.Shared.Rent(k));
        try
        {
            LinearWeights(log2WeightsQ32, linear[..k]);
            Quantize(linear[..k], precision, freqs);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The same frequencies as <see cref="FromLog2Weights"/> from linear weights computed once by
    /// <see cref="LinearWeights"/> (any weights in [0, 2^32] with a positive sum are accepted; the remainder
    /// goes to the first largest).
    /// </summary>
    public static void FromLinearWeights(ReadOnlySpan<ulong> linearQ32, int precision, Span<uint> freqs)
    {
        CheckCounts(linearQ32.Length, precision, freqs.Length);
        Quantize(linearQ32, precision, freqs);
    }

    /// <summary>
    /// Writes w_i = <see cref="LinearWeight"/>(l_i, max l) for every weight into <paramref name="linearQ32"/>
    /// (the largest becomes exactly 2^32) and returns max l.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or every weight is zero.</exception>
    public static long LinearWeights(ReadOnlySpan<long> log2WeightsQ32, Span<ulong> linearQ32)
    {
        if (linearQ32.Length != log2WeightsQ32.Length)
            throw new ArgumentException($"{log2WeightsQ32.Length} weights but {linearQ32.Length} linear slots.", nameof(linearQ32));
        long max = Max(log2WeightsQ32);
        if (max == ZeroWeight)
            throw new ArgumentException("Every weight is zero.", nameof(log2WeightsQ32));
        for (int i = 0; i < log2WeightsQ32.Length; i++)
            linearQ32[i] = LinearWeight(log2WeightsQ32[i], max);
        return max;
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

    private static void CheckCounts(int k, int precision, int freqSlots)
    {
        RansStep.CheckPrecision(precision);
        if (freqSlots != k)
            throw new ArgumentException($"{k} weights but {freqSlots} frequency slots.");
        if (k < 1 || (ulong)k > 1UL << precision || (precision == 32 && k < 2))
            throw new ArgumentException($"K = {k} weights cannot be quantised at precision {precision}.");
        if (k > int.MaxValue / 2)
            throw new ArgumentException("Too many weights.");
    }

    /// <summary>The fast rule on linear weights; the remainder goes to the first arg-max.</summary>
    private static void Quantize(ReadOnlySpan<ulong> w, int precision, Span<uint> freqs)
    {
        int k = w.Length;
        ulong total = 0, best = 0;
        int argmax = 0;
        for (int i = 0; i < k; i++)
        {
            ulong v = w[i];
            total += v;
            if (v > best)
            {
                best = v;
                argmax = i;
            }
        }
        if (best == 0)
            throw new ArgumentException("Every weight is zero.", nameof(w));
        if (best > MaxLinearWeight)
            throw new ArgumentOutOfRangeException(nameof(w), best, "A linear weight exceeds 2^32 (Q32 one).");
        ulong spare = (1UL << precision) - (ulong)k;
        ulong assigned = 0;
        // w_i <= 2^32 and spare < 2^32, so w_i spare < 2^64: the 64-bit product and quotient are the exact
        // floor(w_i (M - K) / W) (no 128-bit division needed).
        for (int i = 0; i < k; i++)
        {
            ulong extra = w[i] * spare / total;
            freqs[i] = (uint)(extra + 1);
            assigned += extra + 1;
        }
        freqs[argmax] += (uint)((1UL << precision) - assigned);
    }
}
