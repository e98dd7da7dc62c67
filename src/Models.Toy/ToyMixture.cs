// The paper's toy mixture: 64 symbols, 256 latents, joint counts C[z, x] uniform integers in [1, 19] drawn
// from a seed. Prior p(z) from the row sums of C, likelihood p(x | z) from the rows, both quantised once
// at 16 bits; the proposal is Uniform(256) (or, for tests, q(z | x) from the column C[., x]) at r bits.
// Its entropy is exact: H(X) of the quantised model actually used for coding.
using Engine.Modeling;

namespace Engine.Models.Toy;

/// <summary>Toy mixture model p(x, z) = p(z) p(x | z) with 64 symbols and 256 latents (a one-step <see cref="ToyModel"/>).</summary>
public sealed class ToyMixture : ToyModel
{
    /// <summary>Kind name used in descriptions.</summary>
    public const string KindName = "mixture";

    /// <summary>Observed alphabet size.</summary>
    public const int Symbols = 64;

    /// <summary>Number of latent values.</summary>
    public const int Latents = 256;

    /// <summary>Builds the mixture from the counts drawn with <paramref name="seed"/>.</summary>
    /// <param name="seed">Seed of the joint counts.</param>
    /// <param name="proposal">Uniform (the paper) or informed.</param>
    /// <param name="proposalPrecision">Precision r of the proposal rows, 8..24.</param>
    public ToyMixture(ulong seed = 1, ToyProposal proposal = ToyProposal.Uniform, int proposalPrecision = DefaultProposalPrecision)
        : this(seed, proposal, proposalPrecision, DrawCounts(seed))
    {
    }

    private ToyMixture(ulong seed, ToyProposal proposal, int r, long[] joint)
        : base(KindName, seed, proposal, 1,
            QuantizedRows.FromCounts(RowSums(joint), 1, Latents, TablePrecision),
            null,
            QuantizedRows.FromCounts(joint, Latents, Symbols, TablePrecision),
            QuantizedRows.FromCounts(ProposalCounts(joint, proposal), Symbols, Latents, CheckR(r)))
    {
    }

    private protected override EntropyEstimate ComputeEntropy()
    {
        double h = 0;
        Span<byte> x = stackalloc byte[1];
        for (int s = 0; s < Symbols; s++)
        {
            x[0] = (byte)s;
            double bits = IdealBits(x);
            h += Math.Pow(2, -bits) * bits;
        }
        return new EntropyEstimate(h, 0, 0);
    }

    private static int CheckR(int r) => r is >= 8 and <= 24
        ? r
        : throw new ArgumentOutOfRangeException(nameof(r), r, "Proposal precision must be in [8, 24] (256 latents need r >= 8).");

    private static long[] DrawCounts(ulong seed)
    {
        var rng = new SplitMix64(seed);
        var c = new long[Latents * Symbols];
        for (int i = 0; i < c.Length; i++) c[i] = 1 + rng.NextBelow(19);
        return c;
    }

    private static long[] RowSums(long[] joint)
    {
        var p = new long[Latents];
        for (int z = 0; z < Latents; z++)
            for (int x = 0; x < Symbols; x++) p[z] += joint[z * Symbols + x];
        return p;
    }

    private static long[] ProposalCounts(long[] joint, ToyProposal proposal)
    {
        var q = new long[Symbols * Latents];
        for (int x = 0; x < Symbols; x++)
            for (int z = 0; z < Latents; z++)
                q[x * Latents + z] = proposal == ToyProposal.Uniform ? 1 : joint[z * Symbols + x];
        return q;
    }
}
