// BucketGaussian: N(mean, std^2) on the equal-mass buckets of N(0, 1) (GaussianBuckets) as a cumulative table whose every
// bucket needs only its two edges — what a coder that weighs many particles needs, since a weight takes one bucket's
// frequency of a row and should not pay for the whole row. With K buckets, precision p, M = 2^p and M' = M - K:
//   C(j)    = floor(M' F(a_j)),  a_j = (e_j - mean) / std the standardised edge, F the interpolated Phi (below); C(0) = 0, C(K) = M'
//   freq(j) = 1 + C(j + 1) - C(j)
// so the row sums to K + M' = M and every bucket keeps at least 1 as long as F is non-decreasing, which it is by construction.
// F is Phi interpolated linearly on a table of 18 x 2^10 + 1 points a = -9 + i / 2^10 computed once by NormalDistribution.Cdf
// (the same doubles everywhere), 0 below -9 and 1 above 9: linear interpolation between non-decreasing points is
// non-decreasing in IEEE arithmetic (the products and sums round monotonically, and a point reproduces its table value
// exactly because neighbouring values are within a factor of two, so their difference is exact). Its error, at most
// h^2/8 max|phi'| ~ 3e-8, moves a bucket by a few hundredths of a unit at p = 20; beyond 9 standard deviations the
// mass is below 2^-60 and C cannot see it. A full row costs K + 1 table lookups instead of K + 1 evaluations of Phi's series.
namespace Engine.Ans.Quantization;

/// <summary>Discretised Gaussians over <see cref="GaussianBuckets"/> as cumulative tables with two lookups per bucket.</summary>
public static class BucketGaussian
{
    private const double Reach = 9.0;
    private const int StepsPerUnit = 1 << 10;

    private static readonly Lazy<double[]> LazyTable = new(() =>
    {
        int points = (int)(2 * Reach) * StepsPerUnit + 1;
        var t = new double[points];
        for (int i = 0; i < points; i++) t[i] = NormalDistribution.Cdf(-Reach + (double)i / StepsPerUnit);
        for (int i = 1; i < points; i++)
            if (!(t[i] >= t[i - 1])) throw new InvalidOperationException($"Phi is not monotone at table point {i}.");
        return t;
    });

    /// <summary>Fills <paramref name="freqs"/> (one per bucket) with the quantised masses of N(mean, std²) at <paramref name="precision"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mean or std is not finite (std must be &gt; 0), or 2^precision - K &lt; 0.</exception>
    /// <exception cref="ArgumentException"><paramref name="freqs"/> is not one entry per bucket.</exception>
    public static void Fill(double mean, double std, GaussianBuckets buckets, int precision, Span<uint> freqs)
    {
        long spare = Check(mean, std, buckets, precision);
        if (freqs.Length != buckets.Count)
            throw new ArgumentException($"Expected {buckets.Count} frequency slots, got {freqs.Length}.", nameof(freqs));
        ReadOnlySpan<double> edges = buckets.Edges, table = LazyTable.Value;
        double inv = 1.0 / std;
        long below = 0;
        for (int j = 0; j < freqs.Length; j++)
        {
            long above = j + 1 == freqs.Length ? spare : Count(edges[j + 1], mean, inv, spare, table);
            freqs[j] = (uint)(1 + above - below);
            below = above;
        }
    }

    /// <summary>The frequency <see cref="Fill"/> gives bucket <paramref name="bucket"/> (two lookups).</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Fill"/>, or the bucket is out of range.</exception>
    public static uint Frequency(double mean, double std, GaussianBuckets buckets, int precision, int bucket)
    {
        long spare = Check(mean, std, buckets, precision);
        if ((uint)bucket >= (uint)buckets.Count) throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"A bucket is below {buckets.Count}.");
        ReadOnlySpan<double> edges = buckets.Edges, table = LazyTable.Value;
        double inv = 1.0 / std;
        long below = bucket == 0 ? 0 : Count(edges[bucket], mean, inv, spare, table);
        long above = bucket + 1 == buckets.Count ? spare : Count(edges[bucket + 1], mean, inv, spare, table);
        return (uint)(1 + above - below);
    }

    /// <summary>F(a): Phi interpolated linearly on the table (0 below -9, 1 above 9).</summary>
    public static double Phi(double a) => Phi(a, LazyTable.Value);

    // The table is passed in so a row's 2^k + 1 lookups fetch it once.
    private static double Phi(double a, ReadOnlySpan<double> t)
    {
        if (!(a > -Reach)) return 0.0; // also NaN: never reached with finite inputs
        if (a >= Reach) return 1.0;
        double u = (a + Reach) * StepsPerUnit;
        int i = (int)u;
        if (i >= t.Length - 1) return t[^1];
        double frac = u - i;
        return t[i] + frac * (t[i + 1] - t[i]);
    }

    // C(j) for an inner edge: floor(M' F((edge - mean) / std)).
    private static long Count(double edge, double mean, double inv, long spare, ReadOnlySpan<double> table) =>
        (long)Math.Floor(spare * Phi((edge - mean) * inv, table));

    private static long Check(double mean, double std, GaussianBuckets buckets, int precision)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Mean must be finite.");
        if (!(std > 0) || !double.IsFinite(std)) throw new ArgumentOutOfRangeException(nameof(std), std, "Standard deviation must be finite and > 0.");
        if (precision < 1 || precision > 32) throw new ArgumentOutOfRangeException(nameof(precision), precision, "Precision must be in 1..32.");
        long spare = (1L << precision) - buckets.Count;
        if (spare < 0) throw new ArgumentOutOfRangeException(nameof(precision), precision, $"2^{precision} is below the {buckets.Count} buckets.");
        return spare;
    }
}
