// The paper's toy HMM: 16 symbols, 32 latents, T = 10; prior, transition and emission from integer counts
// uniform in [1, 19] drawn from a seed, each row quantised once at 16 bits; uniform proposal q(z_t | x_t)
// (or, for tests, q proportional to the emission counts of x_t). Entropy per sequence cannot be enumerated
// (16^10 sequences), so it is a Monte Carlo mean of the exact -log2 p(x) (forward algorithm) over sampled
// sequences, reported with its standard error.
using Engine.Modeling;

namespace Engine.Models.Toy;

/// <summary>Toy hidden Markov model with 16 symbols, 32 latents and sequences of 10 steps.</summary>
public sealed class ToyHmm : ToyModel
{
    /// <summary>Kind name used in descriptions.</summary>
    public const string KindName = "hmm";

    /// <summary>Observed alphabet size.</summary>
    public const int Symbols = 16;

    /// <summary>Number of latent states.</summary>
    public const int Latents = 32;

    /// <summary>Steps per sequence.</summary>
    public const int Steps = 10;

    /// <summary>Sequences sampled for the Monte Carlo entropy estimate.</summary>
    public const int EntropySamples = 20000;

    /// <summary>Builds the HMM from the counts drawn with <paramref name="seed"/>.</summary>
    /// <param name="seed">Seed of the counts.</param>
    /// <param name="proposal">Uniform (the paper) or informed.</param>
    /// <param name="proposalPrecision">Precision r of the proposal rows, 5..24.</param>
    public ToyHmm(ulong seed = 1, ToyProposal proposal = ToyProposal.Uniform, int proposalPrecision = DefaultProposalPrecision)
        : this(seed, proposal, proposalPrecision, new Counts(seed))
    {
    }

    private ToyHmm(ulong seed, ToyProposal proposal, int r, Counts c)
        : base(KindName, seed, proposal, Steps,
            QuantizedRows.FromCounts(c.Prior, 1, Latents, TablePrecision),
            QuantizedRows.FromCounts(c.Transition, Latents, Latents, TablePrecision),
            QuantizedRows.FromCounts(c.Emission, Latents, Symbols, TablePrecision),
            QuantizedRows.FromCounts(c.ProposalCounts(proposal), Symbols, Latents, CheckR(r)))
    {
    }

    private protected override EntropyEstimate ComputeEntropy()
    {
        byte[] data = Sample(EntropySamples, Seed ^ 0xE47C_0B1D_5EEDUL);
        double sum = 0, sumSq = 0;
        for (int i = 0; i < EntropySamples; i++)
        {
            double b = IdealBits(data.AsSpan(i * Steps, Steps));
            sum += b;
            sumSq += b * b;
        }
        double mean = sum / EntropySamples;
        double variance = (sumSq - EntropySamples * mean * mean) / (EntropySamples - 1);
        return new EntropyEstimate(mean, Math.Sqrt(Math.Max(variance, 0) / EntropySamples), EntropySamples);
    }

    private static int CheckR(int r) => r is >= 5 and <= 24
        ? r
        : throw new ArgumentOutOfRangeException(nameof(r), r, "Proposal precision must be in [5, 24] (32 latents need r >= 5).");

    /// <summary>The integer counts drawn from the seed, in a fixed order: prior, transition, emission.</summary>
    private sealed class Counts
    {
        public readonly long[] Prior = new long[Latents];
        public readonly long[] Transition = new long[Latents * Latents];
        public readonly long[] Emission = new long[Latents * Symbols];

        public Counts(ulong seed)
        {
            var rng = new SplitMix64(seed);
            foreach (long[] a in new[] { Prior, Transition, Emission })
                for (int i = 0; i < a.Length; i++) a[i] = 1 + rng.NextBelow(19);
        }

        public long[] ProposalCounts(ToyProposal proposal)
        {
            var q = new long[Symbols * Latents];
            for (int x = 0; x < Symbols; x++)
                for (int z = 0; z < Latents; z++)
                    q[x * Latents + z] = proposal == ToyProposal.Uniform ? 1 : Emission[z * Symbols + x];
            return q;
        }
    }
}
