// FixedEss: the effective sample size test of adaptive resampling (ESS = (sum w)^2 / sum w^2 < N/2) in
// exact integer arithmetic on the Q32 linear weights of WeightQuantizer, so every backend takes the
// same resampling decision. The comparison 2 (sum w)^2 < N sum w^2 is done in 128 bits (exact for
// N <= 2^30 since each w <= 2^32).
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

    /// <summary>ESS as a double (reporting only; decisions use <see cref="IsBelowHalf"/>).</summary>
    public static double Ess(ReadOnlySpan<long> log2WeightsQ32)
    {
        (UInt128 sum, UInt128 sumSq, _) = Moments(log2WeightsQ32);
        double s = (double)sum;
        return s * s / (double)sumSq;
    }

    private static (UInt128 Sum, UInt128 SumSq, int N) Moments(ReadOnlySpan<long> log2WeightsQ32)
    {
        int n = log2WeightsQ32.Length;
        if (n < 1 || n > MaxParticles)
            throw new ArgumentException($"Need 1..2^30 weights, got {n}.", nameof(log2WeightsQ32));
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
