// CouplingScheme: how the coupled coders (BB-CIS, BB-CSMC) lay out their shared uniforms u_{t,l} on the
// stack — a property of a run, chosen by the codec facade, because it is part of the message format:
//   * SpreadSlots: slot i takes the point of the permuted slot π(i) = i g mod N (CoderContext.SlotSpread) or,
//     when false, the i-th point ⌊i 2^r / N⌋ itself (CoupledPoints.Shift);
//   * ScrambleUniforms: u is read from the popped cumulative frequency cf through a fixed permutation of
//     [0, 2^r) (u = Scramble[cf]; pushed back at start Unscramble[u]) instead of u = cf. Any order is an exact
//     uniform code; the permutation matters where the previous unit's last pushes are latent bytes that
//     follow the posterior, not the prior (a VAE's latent buckets under its uniform prior): read raw, the
//     next unit's u would be pairs of those bytes (measured: BB-CIS(1) at 2x BB-ELBO's net out of
//     distribution); scrambled, they no longer line up with the next unit's proposal CDF. Needs r = 16;
//   * ResidualsAscending: encode pushes the lineage residuals of dimensions l = 0..L-1 (decode pops them
//     L-1..0) instead of L-1..0 (decode 0..L-1). Only matters with several latent dimensions;
//   * PerDimensionShifts: each latent dimension l permutes the slots with its own fixed permutation π_l before they
//     take their points (slot i's shift in dimension l is ⌊π_l(i) 2^r / N⌋), instead of one shift per slot for every
//     dimension. With one shift for all, the N particles lie on one diagonal of the L-dimensional torus (every
//     dimension moves together); with π_l each dimension is still stratified (one particle per 1/N of the range)
//     but the dimensions are paired at random, a Latin hypercube. In a 20-D Gaussian test with N = 50, −E log p̂
//     was 1.24 bits on the diagonal and 0.39–0.45 with per-dimension randomisation (i.i.d.: 0.39).
// Standard is every coder facade's scheme for table models (McBitsCodec, format v1); VaeV1 is the one the
// VAE facade (VaeCodec) has written in formats v1 and v2 (no spread, scrambled uniforms, ascending residuals);
// VaeV3 adds per-dimension shifts (format v3); VaeV5 (format v5) whitens the draws instead of scrambling uniforms:
//   * WhitenDraws: the encoder mixes the rANS heads' low 24 bits (HeadWhitening) right before each pop of a draw — a
//     proposal draw (BB-ELBO, BB-IS), a coupled uniform (BB-CIS) and the selected index — and the decoder unmixes right
//     after the mirror push (CoderContext.Whitening). It does for any proposal precision up to 24 what the 16-bit
//     scramble did for the coupled uniforms alone.
// ForVae picks by the message's version.
namespace Engine.Systems.Coding;

/// <summary>The stack layout of the coupled coders' uniforms in one run (format-defining; see the file header).</summary>
internal sealed record CouplingScheme
{
    /// <summary>The scheme of McBitsCodec messages: spread slots, raw uniforms, residuals pushed L-1..0.</summary>
    public static CouplingScheme Standard { get; } = new();

    /// <summary>The scheme of VaeCodec messages (format v1): even points without the spread, scrambled 16-bit uniforms,
    /// residuals pushed 0..L-1.</summary>
    public static CouplingScheme VaeV1 { get; } = new() { SpreadSlots = false, ScrambleUniforms = true, ResidualsAscending = true };

    /// <summary>The scheme of VaeCodec messages of format v3: <see cref="VaeV1"/> with a slot permutation per latent dimension.</summary>
    public static CouplingScheme VaeV3 { get; } = VaeV1 with { PerDimensionShifts = true };

    /// <summary>The scheme of VaeCodec messages of format v5: <see cref="VaeV3"/> with whitened draws in place of scrambled uniforms.</summary>
    public static CouplingScheme VaeV5 { get; } = VaeV3 with { ScrambleUniforms = false, WhitenDraws = true };

    /// <summary>The scheme VAE messages of <paramref name="formatVersion"/> use.</summary>
    public static CouplingScheme ForVae(int formatVersion) => formatVersion >= 5 ? VaeV5 : formatVersion >= 3 ? VaeV3 : VaeV1;

    /// <summary>Mix the heads (HeadWhitening) before every encoder pop of a draw (proposal draw, coupled uniform, selected index)
    /// and unmix after the decoder's mirror push (CoderContext.MixBeforeDraw).</summary>
    public bool WhitenDraws { get; init; }

    /// <summary>Give every latent dimension its own fixed slot permutation (<see cref="DimensionPermutation"/>).</summary>
    public bool PerDimensionShifts { get; init; }

    /// <summary>π_l: dimension l's fixed permutation of the N slots, a Fisher-Yates shuffle driven by an integer hash of
    /// (N, l), the same on every machine.</summary>
    public static int[] DimensionPermutation(int n, int dimension)
    {
        var slots = new int[n];
        for (int i = 0; i < n; i++) slots[i] = i;
        Shuffle<int>(slots, 0x6D63_6269_7473_4C44UL ^ ((ulong)(uint)n << 32) ^ (uint)dimension); // "mcbitsLD"
        return slots;
    }

    // Fisher-Yates driven by a fixed 64-bit counter hash from seed (integer-only, the same everywhere): the one shuffle
    // behind the uniform scramble and the per-dimension slot permutations, so both stay reproducible bit for bit.
    private static void Shuffle<T>(Span<T> items, ulong seed)
    {
        ulong state = seed;
        for (int i = items.Length - 1; i > 0; i--)
        {
            state += 0x9E37_79B9_7F4A_7C15UL;
            ulong h = state;
            h = (h ^ (h >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D0_49BB_1331_11EBUL;
            h ^= h >> 31;
            int j = (int)(h % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Permute the particle slots with <see cref="CoderContext.SlotSpread"/> before taking their points.</summary>
    public bool SpreadSlots { get; init; } = true;

    /// <summary>Read each popped uniform through <see cref="UniformScramble"/> (proposal precision 16 only).</summary>
    public bool ScrambleUniforms { get; init; }

    /// <summary>Push the lineage residuals in ascending dimension order on encode.</summary>
    public bool ResidualsAscending { get; init; }

    /// <summary>Precision of the scramble permutation.</summary>
    public const int ScrambleBits = 16;

    private static readonly Lazy<(ushort[] Forward, ushort[] Inverse)> LazyScramble = new(() =>
    {
        var forward = new ushort[1 << ScrambleBits];
        for (int i = 0; i < forward.Length; i++) forward[i] = (ushort)i;
        Shuffle<ushort>(forward, 0x6D63_6269_7473_5641UL); // "mcbitsVA"
        var inverse = new ushort[forward.Length];
        for (int i = 0; i < forward.Length; i++) inverse[forward[i]] = (ushort)i;
        return (forward, inverse);
    });

    /// <summary>u = UniformScramble[cf]: the value a scrambled uniform pop reads from cumulative frequency cf.</summary>
    public static ushort[] UniformScramble => LazyScramble.Value.Forward;

    /// <summary>cf = UniformUnscramble[u]: where value u sits in the scrambled Uniform(2^16) code.</summary>
    public static ushort[] UniformUnscramble => LazyScramble.Value.Inverse;
}
