// VaeTables: the integer tables every VAE coder pass shares, built once per process.
//  * the latent grid: 2^PriorBits equal-mass buckets of N(0, 1) (GaussianBuckets); a latent in bucket i is
//    fed to the decoder as the bucket's quantile midpoint, as float32 (the network's input type);
//  * Log2Ratio16[f] = log2(f / 2^16) in Q32 for f = 1 .. 2^16 (FixedLog2.OfRatio), so the importance weights
//    of 784 pixels and 50 latents per particle are table lookups and integer adds (DESIGN §4), never double logs.
//  * UniformScramble / UniformUnscramble: a fixed permutation of [0, 2^16) that BB-CIS uses as the symbol
//    order of its Uniform(2^16) code for u (value u sits at start UniformUnscramble[u], freq 1). Any order is
//    an exact uniform code; the permutation matters because a freq-1 pop is a raw 16-bit slice of the stack
//    top, and the previous image's last pushes are its latent bucket indices under the uniform prior — bytes
//    that follow the posterior, not the prior (badly so out of distribution). Read raw, the next image's
//    u_l would be pairs of those bytes (measured: BB-CIS(1) at 2x BB-ELBO's net out of distribution);
//    scrambled, they no longer line up with the next image's proposal CDF.
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

    private static readonly Lazy<(ushort[] Forward, ushort[] Inverse)> LazyScramble = new(() =>
    {
        // Fisher-Yates over [0, 2^16) driven by a fixed 64-bit counter hash (integer-only, same everywhere).
        var forward = new ushort[1 << 16];
        for (int i = 0; i < forward.Length; i++) forward[i] = (ushort)i;
        ulong state = 0x6D63_6269_7473_5641UL; // "mcbitsVA"
        for (int i = forward.Length - 1; i > 0; i--)
        {
            state += 0x9E37_79B9_7F4A_7C15UL;
            ulong h = state;
            h = (h ^ (h >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D0_49BB_1331_11EBUL;
            h ^= h >> 31;
            int j = (int)(h % (ulong)(i + 1));
            (forward[i], forward[j]) = (forward[j], forward[i]);
        }
        var inverse = new ushort[forward.Length];
        for (int i = 0; i < forward.Length; i++) inverse[forward[i]] = (ushort)i;
        return (forward, inverse);
    });

    /// <summary>u = UniformScramble[cf]: the value a BB-CIS uniform pop reads from cumulative frequency cf.</summary>
    public static ushort[] UniformScramble => LazyScramble.Value.Forward;

    /// <summary>cf = UniformUnscramble[u]: where value u sits in BB-CIS's Uniform(2^16) code.</summary>
    public static ushort[] UniformUnscramble => LazyScramble.Value.Inverse;

    /// <summary>The equal-mass buckets of the latent grid.</summary>
    public static GaussianBuckets Grid => LazyBuckets.Value;

    /// <summary>Bucket centres as the decoder's float inputs.</summary>
    public static float[] Centres => LazyCentres.Value;

    /// <summary>log2(f / 2^16) in Q32, index f in [1, 2^16] (index 0 unused).</summary>
    public static long[] Log2Ratio16 => LazyLog2.Value;

    /// <summary>log2 p(z) of one latent under the uniform prior over the buckets, in Q32.</summary>
    public const long PriorLog2PerLatent = -((long)PriorBits << 32);
}
