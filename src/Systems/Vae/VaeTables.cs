// VaeTables: the integer tables every VAE coder pass shares, built once per process.
//  * the latent grid: 2^PriorBits equal-mass buckets of N(0, 1) (GaussianBuckets); a latent in bucket i is
//    fed to the decoder as the bucket's quantile midpoint, as float32 (the network's input type);
//  * Log2Ratio16[f] = log2(f / 2^16) in Q32 for f = 1 .. 2^16 (FixedLog2.OfRatio), so the importance weights
//    of 784 pixels and 50 latents per particle are table lookups and integer adds (DESIGN §4), never double logs.
// Every precision here is fixed by the format (the message records them and decode checks them).
using Engine.Ans.Quantization;

namespace Engine.Systems.Vae;

/// <summary>Shared precisions and lookup tables of the VAE coders.</summary>
internal static class VaeTables
{
    /// <summary>Bits of the uniform prior over latent buckets: 2^8 equal-mass buckets per latent.</summary>
    public const int PriorBits = 8;

    /// <summary>Precision of the discretised Gaussian proposal q(z_l | x) over the buckets.</summary>
    public const int ProposalPrecision = 16;

    /// <summary>Precision of the Bernoulli pixel tables p(x_d | z).</summary>
    public const int PixelPrecision = 16;

    /// <summary>Number of latent buckets.</summary>
    public const int Buckets = 1 << PriorBits;

    private static readonly Lazy<float[]> LazyCentres = new(() =>
    {
        var buckets = new GaussianBuckets(PriorBits);
        var c = new float[buckets.Count];
        for (int i = 0; i < c.Length; i++) c[i] = (float)buckets.Centres[i];
        return c;
    });

    private static readonly Lazy<GaussianBuckets> LazyBuckets = new(() => new GaussianBuckets(PriorBits));

    private static readonly Lazy<long[]> LazyLog2 = new(() =>
    {
        var t = new long[(1 << 16) + 1];
        for (uint f = 1; f < t.Length; f++) t[f] = FixedLog2.OfRatio(f, 16);
        return t;
    });

    /// <summary>The equal-mass buckets of the latent grid.</summary>
    public static GaussianBuckets Grid => LazyBuckets.Value;

    /// <summary>Bucket centres as the decoder's float inputs.</summary>
    public static float[] Centres => LazyCentres.Value;

    /// <summary>log2(f / 2^16) in Q32, index f in [1, 2^16] (index 0 unused).</summary>
    public static long[] Log2Ratio16 => LazyLog2.Value;

    /// <summary>log2 p(z) of one latent under the uniform prior over the buckets, in Q32.</summary>
    public const long PriorLog2PerLatent = -((long)PriorBits << 32);
}
