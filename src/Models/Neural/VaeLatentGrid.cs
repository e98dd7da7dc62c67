// VaeLatentGrid: how a VAE's Gaussian latents become integers for the coders, a property of a message. Each latent
// dimension takes one of 2^k buckets of equal mass under N(0, 1) (GaussianBuckets, k = PriorBits), so the prior p(z_l)
// is the uniform table at precision k (every frequency 1); the proposal q(z_l | x) is the encoder's Gaussian
// discretised over the same buckets at precision r (ProposalPrecision, k + 8 <= r <= 24), every bucket keeping a
// frequency >= 1; the decoder sees one point per bucket, the quantile midpoint Phi^-1((i + 1/2) / 2^k) or the centroid
// E[Z | bucket i] (LatentPoint).
// Why finer than 8 bits: equal-mass buckets are narrow near 0 and wide in the tails (0.22 wide at |z| = 2.5 and
// 0.88 at 3 with k = 8), and a posterior out there pays for the bucket's width in pixels.
// Why r well above k: the floor of one unit per bucket gives a sharp posterior 2^(k - r) of its mass in buckets it
// does not believe in, and a draw there costs the pixels dearly (a latent far from the posterior): with k = 10, r = 18,
// −ELBO on the coder's tables was 3.8 % above the float model's on in-distribution images while −IWAE(50), which
// ignores a bad particle, was not. Format versions 1-4 code k = 8, r = 16, midpoints (Coarse); version 5 records k, r
// and the point, and writes Default. Instances are cached per (k, r, point): grid, decoder points and prior built once.
using System.Collections.Concurrent;
using Engine.Ans.Quantization;
using Engine.Modeling;

namespace Engine.Models.Neural;

/// <summary>Which point of a latent bucket the VAE's decoder is fed.</summary>
public enum LatentPoint
{
    /// <summary>The quantile midpoint Phi^-1((i + 1/2) / 2^k) (formats 1-4).</summary>
    Midpoint,

    /// <summary>The conditional mean E[Z | Z in bucket i] under N(0, 1).</summary>
    Centroid,
}

/// <summary>The latent buckets of a VAE message: 2^PriorBits equal-mass buckets per dimension, a proposal precision and the
/// point the decoder sees.</summary>
public sealed class VaeLatentGrid
{
    /// <summary>Fewest prior bits a message may record.</summary>
    public const int MinPriorBits = 8;

    /// <summary>Most prior bits a message may record (2^12 buckets: 4096 proposal entries per latent and chain).</summary>
    public const int MaxPriorBits = 12;

    /// <summary>Least proposal precision minus prior bits: every bucket of q has at least 2^8 units to spread its mass on.</summary>
    public const int ProposalHeadroom = 8;

    /// <summary>Largest proposal precision.</summary>
    public const int MaxProposalPrecision = 24;

    private static readonly ConcurrentDictionary<(int, int, LatentPoint), VaeLatentGrid> Cache = new();

    private readonly float[] _points;

    private VaeLatentGrid(int priorBits, int proposalPrecision, LatentPoint point)
    {
        PriorBits = priorBits;
        ProposalPrecision = proposalPrecision;
        Point = point;
        Buckets = new GaussianBuckets(priorBits);
        ReadOnlySpan<double> points = point == LatentPoint.Centroid ? Buckets.Centroids : Buckets.Centres;
        _points = new float[points.Length];
        for (int i = 0; i < points.Length; i++) _points[i] = (float)points[i];
        var freq = new uint[Count];
        Array.Fill(freq, 1u);
        PriorTable = new QuantizedRows(1, Count, priorBits, freq);
    }

    /// <summary>The grid of format versions 1 to 4: 2^8 buckets, proposal precision 16, midpoints.</summary>
    public static VaeLatentGrid Coarse => Of(MinPriorBits, LatentPoint.Midpoint, MinPriorBits + ProposalHeadroom);

    /// <summary>The grid format version 5 writes unless told otherwise: 2^10 buckets, proposal precision 24, centroids (measured
    /// against 8 and 12 bits, midpoints, and precision 18: docs/fashion-vae.md).</summary>
    public static VaeLatentGrid Default => Of(10, LatentPoint.Centroid, MaxProposalPrecision);

    /// <summary>The grid a new message of <paramref name="formatVersion"/> is written with by default.</summary>
    public static VaeLatentGrid ForVersion(int formatVersion) => formatVersion >= 5 ? Default : Coarse;

    /// <summary>Whether a message of <paramref name="formatVersion"/> may record this grid (versions 1-4: only <see cref="Coarse"/>).</summary>
    public bool AllowedIn(int formatVersion) => formatVersion >= 5 || ReferenceEquals(this, Coarse);

    /// <summary>The grid of 2^<paramref name="priorBits"/> buckets fed to the decoder as <paramref name="point"/>, the proposal at
    /// <paramref name="proposalPrecision"/> (null: 24).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bits are outside [8, 12], or the precision outside [bits + 8, 24].</exception>
    public static VaeLatentGrid Of(int priorBits, LatentPoint point, int? proposalPrecision = null)
    {
        if (priorBits < MinPriorBits || priorBits > MaxPriorBits)
            throw new ArgumentOutOfRangeException(nameof(priorBits), priorBits, $"Latent prior bits must be in [{MinPriorBits}, {MaxPriorBits}].");
        int r = proposalPrecision ?? MaxProposalPrecision;
        if (r < priorBits + ProposalHeadroom || r > MaxProposalPrecision)
            throw new ArgumentOutOfRangeException(nameof(proposalPrecision), r,
                $"The proposal precision must be in [{priorBits + ProposalHeadroom}, {MaxProposalPrecision}] for {priorBits} prior bits.");
        if (!Enum.IsDefined(point)) throw new ArgumentOutOfRangeException(nameof(point), point, "Unknown latent point.");
        return Cache.GetOrAdd((priorBits, r, point), key => new VaeLatentGrid(key.Item1, key.Item2, key.Item3));
    }

    /// <summary>k: 2^k buckets per latent dimension.</summary>
    public int PriorBits { get; }

    /// <summary>Precision r of the discretised Gaussian proposal, k + 8 to 24.</summary>
    public int ProposalPrecision { get; }

    /// <summary>The point of each bucket the decoder sees.</summary>
    public LatentPoint Point { get; }

    /// <summary>Number of buckets, 2^k.</summary>
    public int Count => 1 << PriorBits;

    /// <summary>The equal-mass buckets.</summary>
    public GaussianBuckets Buckets { get; }

    /// <summary>The decoder's float input for each bucket (<see cref="Point"/> rounded to float).</summary>
    public ReadOnlySpan<float> Points => _points;

    /// <summary>p(z_l): one row of 2^k buckets, every frequency 1 (start = bucket).</summary>
    public QuantizedRows PriorTable { get; }

    /// <summary>The name a message records for <see cref="Point"/>: "midpoint" or "centroid".</summary>
    public string PointName => PointNameOf(Point);

    /// <summary>"midpoint" or "centroid".</summary>
    public static string PointNameOf(LatentPoint point) => point == LatentPoint.Centroid ? "centroid" : "midpoint";

    /// <summary>Parses a name written by <see cref="PointNameOf"/>.</summary>
    /// <exception cref="FormatException">Not "midpoint" or "centroid".</exception>
    public static LatentPoint ParsePoint(string name) => name switch
    {
        "midpoint" => LatentPoint.Midpoint,
        "centroid" => LatentPoint.Centroid,
        _ => throw new FormatException("The latent point is neither 'midpoint' nor 'centroid'."),
    };

    /// <inheritdoc />
    public override string ToString() => $"{Count} buckets ({PriorBits} bits), proposal precision {ProposalPrecision}, {PointName}s";
}
