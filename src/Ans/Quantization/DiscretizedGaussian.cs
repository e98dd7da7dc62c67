// DiscretizedGaussian: the mass of N(mean, std^2) on each equal-mass bucket of N(0, 1), quantised to
// integer frequencies summing to 2^prec with every bucket >= 1 (the public reference leaves zero
// buckets; pushing one corrupts a message, so we never produce them).
// mass_i = P(e_i < mean + std Z <= e_{i+1}) via NormalDistribution.Mass on standardised edges. When
// every mass underflows (a mean far outside the buckets) the bucket holding the mean gets all of it.
using System.Buffers;

namespace Engine.Ans.Quantization;

/// <summary>Canonical discretised Gaussian tables over <see cref="GaussianBuckets"/>.</summary>
public static class DiscretizedGaussian
{
    /// <summary>
    /// Fills <paramref name="freqs"/> (length 2^k) with the quantised bucket masses of N(mean, std^2).
    /// </summary>
    public static void Quantize(double mean, double std, GaussianBuckets buckets, int precision, Span<uint> freqs,
        QuantizeMode mode = QuantizeMode.Fast)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (!double.IsFinite(mean))
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "Mean must be finite.");
        if (!(std > 0) || !double.IsFinite(std))
            throw new ArgumentOutOfRangeException(nameof(std), std, "Standard deviation must be finite and > 0.");
        int k = buckets.Count;
        if (freqs.Length != k)
            throw new ArgumentException($"Expected {k} frequency slots, got {freqs.Length}.", nameof(freqs));
        double[] rented = ArrayPool<double>.Shared.Rent(k);
        try
        {
            Span<double> mass = rented.AsSpan(0, k);
            Masses(mean, std, buckets, mass);
            CategoricalQuantizer.FromProbabilities(mass, precision, freqs, mode);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The unquantised bucket masses of N(mean, std^2).</summary>
    public static void Masses(double mean, double std, GaussianBuckets buckets, Span<double> mass)
    {
        ReadOnlySpan<double> edges = buckets.Edges;
        double inv = 1.0 / std;
        double total = 0;
        // NormalDistribution.Mass(a, b) takes Cdf(-a), Cdf(-b) for a >= 0, Cdf(b), Cdf(a) for b <= 0, and Cdf(a), Cdf(-b)
        // across 0: every edge x enters only as Cdf(-|x|) (Cdf(0) = Cdf(-0) = 1/2). So each edge's tail is computed once
        // and shared by its two buckets, with the very calls and subtractions Mass makes: the same doubles, half the work.
        double[] rented = ArrayPool<double>.Shared.Rent(mass.Length + 1);
        try
        {
            Span<double> tail = rented.AsSpan(0, mass.Length + 1);
            double lower = (edges[0] - mean) * inv;
            tail[0] = NormalDistribution.Cdf(lower >= 0 ? -lower : lower);
            for (int i = 0; i < mass.Length; i++)
            {
                double upper = (edges[i + 1] - mean) * inv;
                tail[i + 1] = NormalDistribution.Cdf(upper >= 0 ? -upper : upper);
                mass[i] = !(lower <= upper) ? 0.0
                    : lower >= 0 ? tail[i] - tail[i + 1]
                    : upper <= 0 ? tail[i + 1] - tail[i]
                    : 1.0 - tail[i] - tail[i + 1];
                total += mass[i];
                lower = upper;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
        if (!(total > 0))
            mass[buckets.BucketOf(mean)] = 1.0;
    }
}
