// Toy models: tables are valid integer distributions, deterministic in the seed, the description
// round-trips, sampling is reproducible, and the exact/MC entropies are consistent with the data.
using Engine.Modeling;
using Engine.Models.Toy;

namespace Engine.Models.Tests.Toy;

public class ToyModelTests
{
    private static IEnumerable<ToyModel> Models()
    {
        yield return new ToyMixture(1);
        yield return new ToyHmm(1);
        yield return new ToyMixture(3, ToyProposal.Informed);
        yield return new ToyHmm(3, ToyProposal.Informed, 9);
    }

    [TestCaseSource(nameof(Models))]
    public void EveryRowIsAFullDistributionWithPositiveFrequencies(ToyModel model)
    {
        foreach (QuantizedRows? rows in new[] { model.Prior, model.Transition, model.Emission, model.Proposal })
        {
            if (rows is null) continue;
            for (int r = 0; r < rows.Rows; r++)
            {
                long sum = 0;
                for (int s = 0; s < rows.Width; s++)
                {
                    uint f = rows.Freq[r * rows.Width + s];
                    Assert.That(f, Is.GreaterThanOrEqualTo(1u));
                    Assert.That(rows.Start[r * rows.Width + s], Is.EqualTo((uint)sum));
                    // The Q32 log agrees with the true log2 of the ratio to within 2^-30.
                    double exact = Math.Log2(f) - rows.Precision;
                    Assert.That(rows.Log2Q32[r * rows.Width + s] / 4294967296.0, Is.EqualTo(exact).Within(1e-9));
                    sum += f;
                }
                Assert.That(sum, Is.EqualTo(1L << rows.Precision));
            }
        }
    }

    [TestCaseSource(nameof(Models))]
    public void LookupInvertsTheCumulativeTable(ToyModel model)
    {
        QuantizedRows rows = model.Emission;
        for (int r = 0; r < rows.Rows; r += 7)
            for (int s = 0; s < rows.Width; s++)
            {
                uint start = rows.Start[r * rows.Width + s], freq = rows.Freq[r * rows.Width + s];
                Assert.That(rows.Lookup(r, start), Is.EqualTo(s));
                Assert.That(rows.Lookup(r, start + freq - 1), Is.EqualTo(s));
            }
    }

    [Test]
    public void ShapesMatchThePaper()
    {
        var m = new ToyMixture();
        Assert.That((m.SymbolCount, m.LatentCount, m.SequenceLength), Is.EqualTo((64, 256, 1)));
        Assert.That(m.Transition, Is.Null);
        var h = new ToyHmm();
        Assert.That((h.SymbolCount, h.LatentCount, h.SequenceLength), Is.EqualTo((16, 32, 10)));
        Assert.That(h.Transition!.Rows, Is.EqualTo(32));
    }

    [Test]
    public void UniformProposalIsExactlyUniform()
    {
        var m = new ToyMixture(5, ToyProposal.Uniform, 12);
        Assert.That(m.Proposal.Freq.Distinct(), Is.EqualTo(new[] { 16u }));
        var h = new ToyHmm(5, ToyProposal.Uniform, 12);
        Assert.That(h.Proposal.Freq.Distinct(), Is.EqualTo(new[] { 128u }));
    }

    [Test]
    public void SameSeedSameModelDifferentSeedDifferentModel()
    {
        Assert.That(new ToyMixture(7).Fingerprint, Is.EqualTo(new ToyMixture(7).Fingerprint));
        Assert.That(new ToyMixture(7).Fingerprint, Is.Not.EqualTo(new ToyMixture(8).Fingerprint));
        Assert.That(new ToyMixture(7).Fingerprint, Is.Not.EqualTo(new ToyMixture(7, ToyProposal.Informed).Fingerprint));
        Assert.That(new ToyHmm(7).Fingerprint, Is.Not.EqualTo(new ToyHmm(7, ToyProposal.Uniform, 10).Fingerprint));
    }

    [TestCaseSource(nameof(Models))]
    public void DescriptionRebuildsTheSameModel(ToyModel model)
    {
        ToyModel again = ToyModel.FromDescription(model.Description);
        Assert.That(again.GetType(), Is.EqualTo(model.GetType()));
        Assert.That(again.Fingerprint, Is.EqualTo(model.Fingerprint));
    }

    [TestCase("")]
    [TestCase("gmm:seed=1")]
    [TestCase("mixture:seed=x")]
    [TestCase("mixture:seed=1,depth=3")]
    [TestCase("mixture:r=4")]
    [TestCase("hmm:proposal=magic")]
    public void BadDescriptionsAreFormatErrors(string text) =>
        Assert.Throws<FormatException>(() => ToyModel.FromDescription(text));

    [Test]
    public void SamplingIsReproducibleAndFollowsTheModel()
    {
        var m = new ToyMixture(2);
        byte[] a = m.Sample(20000, 11), b = m.Sample(20000, 11), c = m.Sample(20000, 12);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a.Max(), Is.LessThan((byte)64));
        // The empirical mean code length of the sample matches the exact entropy (Monte Carlo, ~6 sigma band).
        double mean = m.MeanIdealBits(a);
        Assert.That(mean, Is.EqualTo(m.Entropy.Bits).Within(0.01));
    }

    [Test]
    public void MixtureEntropyIsExactAndNearSixBits()
    {
        EntropyEstimate h = new ToyMixture().Entropy;
        Assert.That(h.IsExact, Is.True);
        // Counts uniform in [1, 19] make p(x) nearly uniform over 64 symbols: just under 6 bits (paper: 5.999).
        Assert.That(h.Bits, Is.InRange(5.99, 6.0));
    }

    [Test]
    public void HmmForwardAlgorithmMatchesBruteForceOnShortPrefixes()
    {
        // For T = 10 the forward algorithm is the only option; check the recursion against a sum over all
        // 32^2 latent paths of the first two steps of a real sequence.
        var h = new ToyHmm(4);
        byte[] seq = h.Sample(1, 3);
        double brute = 0, pScale = 1.0 / 65536;
        for (int z0 = 0; z0 < 32; z0++)
        {
            double p0 = h.Prior.Freq[z0] * pScale * h.Emission.Freq[z0 * 16 + seq[0]] * pScale;
            for (int z1 = 0; z1 < 32; z1++)
                brute += p0 * h.Transition!.Freq[z0 * 32 + z1] * pScale * h.Emission.Freq[z1 * 16 + seq[1]] * pScale;
        }
        // An independent forward recursion over the same two steps reproduces the brute-force sum, and the full
        // sequence (eight more symbols) can only cost more.
        double forward2 = ForwardBits(h, seq.AsSpan(0, 2));
        Assert.That(forward2, Is.EqualTo(-Math.Log2(brute)).Within(1e-9));
        Assert.That(h.IdealBits(seq), Is.GreaterThan(forward2));
    }

    [Test]
    public void HmmEntropyEstimateIsConsistentWithFreshSamples()
    {
        var h = new ToyHmm();
        EntropyEstimate e = h.Entropy;
        Assert.That(e.IsExact, Is.False);
        Assert.That(e.StandardError, Is.GreaterThan(0).And.LessThan(0.05));
        // 16 near-uniform symbols over 10 steps: a little under 40 bits (paper: 39.98).
        Assert.That(e.Bits, Is.InRange(39.0, 40.0));
        double fresh = h.MeanIdealBits(h.Sample(4000, 99));
        Assert.That(fresh, Is.EqualTo(e.Bits).Within(6 * e.StandardError * Math.Sqrt(1 + 20000.0 / 4000)));
    }

    [Test]
    public void IdealBitsRejectsWrongLengthsAndSymbols()
    {
        var h = new ToyHmm();
        Assert.Throws<ArgumentException>(() => h.IdealBits(new byte[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.IdealBits(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 16 }));
    }

    /// <summary>Forward algorithm over a prefix (same recursion as the model, written out independently).</summary>
    private static double ForwardBits(ToyHmm h, ReadOnlySpan<byte> x)
    {
        double s = 1.0 / 65536;
        var alpha = new double[32];
        for (int z = 0; z < 32; z++) alpha[z] = h.Prior.Freq[z] * s * h.Emission.Freq[z * 16 + x[0]] * s;
        for (int t = 1; t < x.Length; t++)
        {
            var next = new double[32];
            for (int z = 0; z < 32; z++)
                for (int z2 = 0; z2 < 32; z2++) next[z2] += alpha[z] * h.Transition!.Freq[z * 32 + z2] * s;
            for (int z2 = 0; z2 < 32; z2++) next[z2] *= h.Emission.Freq[z2 * 16 + x[t]] * s;
            alpha = next;
        }
        return -Math.Log2(alpha.Sum());
    }
}
