// GaussianBuckets: 2^k buckets of equal mass under N(0, 1) (docs/architecture.md#bernoulli-and-gaussian-tables). Edges[i] = Phi^-1(i / 2^k)
// (Edges[0] = -infinity, Edges[2^k] = +infinity) and Centres[i] = Phi^-1((i + 1/2) / 2^k), the quantile
// midpoint that stands for a latent in bucket i; Centroids[i] = E[Z | bucket i], the other choice of stand-in
// (computed on first use). Built once per k, immutable, symmetric by construction.
namespace Engine.Ans.Quantization;

/// <summary>Equal-mass buckets of the standard normal.</summary>
public sealed class GaussianBuckets
{
    /// <summary>Largest supported number of bucket bits.</summary>
    public const int MaxBits = 24;

    private readonly double[] _edges;
    private readonly double[] _centres;

    /// <summary>Builds 2^<paramref name="bits"/> buckets (1 &lt;= bits &lt;= 24).</summary>
    public GaussianBuckets(int bits)
    {
        if (bits < 1 || bits > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"Bucket bits must be in 1..{MaxBits}.");
        Bits = bits;
        int count = 1 << bits;
        double scale = 1.0 / count;
        _edges = new double[count + 1];
        _centres = new double[count];
        for (int i = 0; i <= count; i++)
            _edges[i] = NormalDistribution.Quantile(i * scale);
        for (int i = 0; i < count; i++)
            _centres[i] = NormalDistribution.Quantile((i + 0.5) * scale);
    }

    /// <summary>k: there are 2^k buckets.</summary>
    public int Bits { get; }

    /// <summary>Number of buckets, 2^k.</summary>
    public int Count => _centres.Length;

    /// <summary>The 2^k + 1 edges, -infinity first and +infinity last.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>The 2^k quantile midpoints.</summary>
    public ReadOnlySpan<double> Centres => _centres;

    /// <summary>The 2^k conditional means E[Z | Z in bucket i] = (phi(e_i) - phi(e_{i+1})) 2^k (phi from NormalDistribution, the same
    /// doubles on every machine), computed on first use. Further out than the quantile midpoint in the tails, where buckets are wide.</summary>
    public ReadOnlySpan<double> Centroids => _centroids ??= ComputeCentroids();

    private double[]? _centroids;

    private double[] ComputeCentroids()
    {
        var c = new double[_centres.Length];
        double scale = _centres.Length, below = 0.0; // phi(-infinity) = 0
        for (int i = 0; i < c.Length; i++)
        {
            double above = i + 1 == c.Length ? 0.0 : NormalDistribution.Pdf(_edges[i + 1]);
            c[i] = (below - above) * scale;
            below = above;
        }
        return c;
    }

    /// <summary>The bucket containing <paramref name="z"/> (edges belong to the bucket above).</summary>
    public int BucketOf(double z)
    {
        if (double.IsNaN(z))
            throw new ArgumentOutOfRangeException(nameof(z), "NaN has no bucket.");
        int lo = 0, n = _centres.Length;
        while (n > 1)
        {
            int half = n >> 1;
            lo = _edges[lo + half] <= z ? lo + half : lo;
            n -= half;
        }
        return lo;
    }
}
