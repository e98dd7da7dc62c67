// FixedEss: the effective sample size test of adaptive resampling (ESS = (sum w)^2 / sum w^2 < N/2) in
// exact integer arithmetic on the Q32 linear weights of WeightQuantizer, so every backend takes the
// same resampling decision. The comparison 2 (sum w)^2 < N sum w^2 is done in 128 bits (exact for
// N <= 2^30 since each w <= 2^32). A caller that also quantises the weights passes the linear weights
// it already has (WeightQuantizer.LinearWeights) instead of the log2 ones, so each exponential is
// computed once.
namespace Engine.Ans.Quantization;

/// <summary>Integer-exact effective-sample-size tests on log2 weights.</summary>
public static class FixedEss
{
    /// <summary>Largest particle count the exact test supports.</summary>
    public const int MaxParticles = 1 << 30;

    /// <summary>True when ESS &lt; N / 2 for the (unnormalised) log2 weights in Q32.</summary>
    public static bool IsBelowHalf(ReadOnlySpan<long> log2WeightsQ32)
    {
        (UInt128 sum, UInt128 sumSq, int n) = Moments(log2WeightsQ32);
        return 2 * sum * sum < (UInt128)(ulong)n * sumSq;
    }

    /// <summary>
    /// The same decision from linear weights in [0, 2^32] (as <see cref="WeightQuantizer.LinearWeights"/> writes
    /// them); the test is scale-free, so it equals <see cref="IsBelowHalf(ReadOnlySpan{long})"/> on the log2 weights.
    /// </summary>
    /// <exception cref="ArgumentException">N is outside 1..2^30, or every weight is zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight exceeds 2^32.</exception>
    public static bool IsBelowHalf(ReadOnlySpan<ulong> linearQ32)
    {
        int n = linearQ32.Length;
        CheckCount(n, nameof(linearQ32));
        ulong sum = 0, largest = 0;
        UInt128 sumSq = 0;
        foreach (ulong w in linearQ32)
        {
            sum += w; // <= 2^30 2^32 once every w <= 2^32 (checked below; a larger w throws whatever the sum)
            largest = Math.Max(largest, w);
            ulong hi = Math.BigMul(w, w, out ulong lo);
            sumSq += new UInt128(hi, lo);
        }
        if (largest > WeightQuantizer.MaxLinearWeight)
            throw new ArgumentOutOfRangeException(nameof(linearQ32), largest, "A linear weight exceeds 2^32 (Q32 one).");
        if (sum == 0)
            throw new ArgumentException("Every weight is zero.", nameof(linearQ32));
        UInt128 s = sum;
        return 2 * s * s < (UInt128)(ulong)n * sumSq;
    }

    /// <summary>ESS as a double (reporting only; decisions use <see cref="IsBelowHalf(ReadOnlySpan{long})"/>).</summary>
    public static double Ess(ReadOnlySpan<long> log2WeightsQ32)
    {
        (UInt128 sum, UInt128 sumSq, _) = Moments(log2WeightsQ32);
        double s = (double)sum;
        return s * s / (double)sumSq;
    }

    private static void CheckCount(int n, string name)
    {
        if (n < 1 || n > MaxParticles)
            throw new ArgumentException($"Need 1..2^30 weights, got {n}.", name);
    }

    private static (UInt128 Sum, UInt128 SumSq, int N) Moments(ReadOnlySpan<long> log2WeightsQ32)
    {
        int n = log2WeightsQ32.Length;
        CheckCount(n, nameof(log2WeightsQ32));
        long max = WeightQuantizer.Max(log2WeightsQ32);
        if (max == WeightQuantizer.ZeroWeight)
            throw new ArgumentException("Every weight is zero.", nameof(log2WeightsQ32));
        UInt128 sum = 0, sumSq = 0;
        foreach (long l in log2WeightsQ32)
        {
            ulong w = WeightQuantizer.LinearWeight(l, max);
            sum += w;
            sumSq += (UInt128)w * w;
        }
        return (sum, sumSq, n);
    }
}
