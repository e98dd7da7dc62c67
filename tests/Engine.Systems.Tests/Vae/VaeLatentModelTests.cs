// The VAE as a model of the public contract, and the pieces the generic core now takes from it: the fixed
// prior and pixel tables (the coarse grid's uniform prior is 1 x 256 at precision 8 with start = bucket; every
// Bernoulli pixel row is a row of the one 2^16 - 1 row family, laid out as BernoulliQuantizer's intervals), the
// writable proposal table (rows validated, logs equal FixedLog2), the latent grids (midpoints, centroids, which
// grid a format version may record), the coupled-uniform scramble of the VAE's coupling scheme (a permutation
// with its inverse that moves neighbours apart, pinned), and
// the session's answers: proposal rows from the encoder, likelihood rows from one prepared decoder pass
// equal to the rows an unprepared query computes from the latents alone, and the pixel score of a prepared
// particle (AddLogLikelihood's tight loop) equal to the sum of the per-pixel tables' logs.
using Engine.Ans.Quantization;
using Engine.Modeling;
using Engine.Models.Neural;
using Engine.Systems.Coding;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vae;

public class VaeLatentModelTests
{
    [Test]
    public void PriorIsUniformOverTheBucketsAtPrecisionEight()
    {
        QuantizedRows p = VaeLatentGrid.Coarse.PriorTable;
        Assert.That((p.Rows, p.Width, p.Precision), Is.EqualTo((1, 256, 8)));
        for (int z = 0; z < 256; z++)
        {
            Assert.That(p.Freq[z], Is.EqualTo(1u));
            Assert.That(p.Start[z], Is.EqualTo((uint)z));
            Assert.That(p.Log2Q32[z], Is.EqualTo(-(8L << 32)));
        }
    }

    [Test]
    public void PixelRowsAreTheBernoulliIntervals()
    {
        QuantizedRows px = VaeLatentModel.PixelTable;
        Assert.That((px.Rows, px.Width, px.Precision), Is.EqualTo((65535, 2, 16)));
        foreach (uint f1 in new uint[] { 1, 2, 3, 255, 4096, 32768, 40000, 65534, 65535 })
        {
            int row = (int)f1 - 1;
            for (int bit = 0; bit < 2; bit++)
            {
                (uint start, uint freq) = BernoulliQuantizer.Interval(bit, f1, 16);
                Assert.That(px.Start[row * 2 + bit], Is.EqualTo(start), $"f1 = {f1}, bit {bit}");
                Assert.That(px.Freq[row * 2 + bit], Is.EqualTo(freq), $"f1 = {f1}, bit {bit}");
                Assert.That(px.Log2Q32[row * 2 + bit], Is.EqualTo(FixedLog2.OfRatio(freq, 16)));
                Assert.That(px.Lookup(row, start + freq - 1), Is.EqualTo(BernoulliQuantizer.Bit(start + freq - 1, f1, 16)));
            }
        }
    }

    [Test]
    public void WritableRowsAreValidatedAndCarryTheFixedLogs()
    {
        QuantizedRows t = QuantizedRows.CreateWritable(3, 256, 16);
        Assert.That(t.IsWritable, Is.True);
        for (int r = 0; r < 3; r++) Assert.That(t.Freq.Skip(r * 256).Take(256).Sum(f => (long)f), Is.EqualTo(65536));
        var freqs = new uint[256];
        DiscretizedGaussian.Quantize(0.3, 0.2, VaeLatentGrid.Coarse.Buckets, 16, freqs);
        t.SetRow(1, freqs);
        uint start = 0;
        for (int z = 0; z < 256; z++)
        {
            Assert.That(t.Start[256 + z], Is.EqualTo(start));
            Assert.That(t.Log2Q32[256 + z], Is.EqualTo(FixedLog2.OfRatio(freqs[z], 16)));
            start += freqs[z];
        }
        freqs[0]++;
        Assert.Throws<ArgumentException>(() => t.SetRow(2, freqs));
        Assert.Throws<InvalidOperationException>(() => VaeLatentGrid.Coarse.PriorTable.SetRow(0, new uint[256]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SetRow(3, freqs));
    }

    [Test]
    public void ScrambleIsAPermutationWithItsInverse()
    {
        ushort[] s = CouplingScheme.UniformScramble, inv = CouplingScheme.UniformUnscramble;
        Assert.That(s.Length, Is.EqualTo(1 << VaeLatentGrid.Coarse.ProposalPrecision));
        Assert.That(s.Distinct().Count(), Is.EqualTo(s.Length));
        for (int i = 0; i < s.Length; i++) Assert.That(inv[s[i]], Is.EqualTo((ushort)i));
        // Neighbouring cfs (e.g. latent byte pairs differing in the last byte) land far apart on average.
        double meanJump = Enumerable.Range(0, 1000).Average(i => Math.Abs(s[i + 1] - s[i]));
        Assert.That(meanJump, Is.GreaterThan(10000));
        // Pinned values of the permutation every VAE BB-CIS message of versions 1-4 used (the golden sets hold it too).
        Assert.That(new[] { s[0], s[1], s[2], s[65535] }, Is.EqualTo(ScrambleHead));
    }

    private static readonly ushort[] ScrambleHead = [25244, 57421, 60385, 54607];

    [Test]
    public void CoarsePointsAreTheGridMidpoints()
    {
        VaeLatentGrid g = VaeLatentGrid.Coarse;
        Assert.That((g.PriorBits, g.ProposalPrecision, g.Count, g.Point), Is.EqualTo((8, 16, 256, LatentPoint.Midpoint)));
        Assert.That(g.Points.Length, Is.EqualTo(256));
        for (int i = 0; i < 256; i++) Assert.That(g.Points[i], Is.EqualTo((float)g.Buckets.Centres[i]));
        Assert.That(g.Points[127], Is.EqualTo(-g.Points[128]));
    }

    [TestCase(8)]
    [TestCase(12)]
    public void CentroidsAreTheBucketMeansAndLieOutsideTheMidpointsInTheTails(int bits)
    {
        VaeLatentGrid g = VaeLatentGrid.Of(bits, LatentPoint.Centroid);
        GaussianBuckets b = g.Buckets;
        int n = g.Count;
        Assert.That((g.ProposalPrecision, g.PriorTable.Width, g.PriorTable.Precision), Is.EqualTo((24, n, bits)));
        for (int i = 0; i < n; i++)
        {
            Assert.That(g.Points[i], Is.EqualTo((float)b.Centroids[i]));
            Assert.That(b.Centroids[i], Is.GreaterThanOrEqualTo(b.Edges[i]).And.LessThanOrEqualTo(b.Edges[i + 1]), $"bucket {i}");
            Assert.That(b.Centroids[i], Is.EqualTo(-b.Centroids[n - 1 - i]).Within(1e-12));
        }
        // The centroids average to E[Z] = 0.
        Assert.That(b.Centroids.ToArray().Average(), Is.EqualTo(0).Within(1e-12));
        // Above 0 the density falls across every bucket, so its mean lies above its median (the quantile midpoint); most in the tail.
        for (int i = n / 2; i < n; i++) Assert.That(b.Centroids[i], Is.GreaterThanOrEqualTo(b.Centres[i] - 1e-12), $"bucket {i}");
        Assert.That(b.Centroids[n - 1] - b.Centres[n - 1], Is.GreaterThan(0.05));
    }

    [Test]
    public void GridsAreCachedAndOnlyTheCoarseOneFitsOldVersions()
    {
        Assert.That(VaeLatentGrid.Of(12, LatentPoint.Centroid), Is.SameAs(VaeLatentGrid.Of(12, LatentPoint.Centroid)));
        Assert.That(VaeLatentGrid.ForVersion(4), Is.SameAs(VaeLatentGrid.Coarse));
        Assert.That(VaeLatentGrid.ForVersion(5), Is.SameAs(VaeLatentGrid.Default));
        Assert.That(VaeLatentGrid.Coarse.AllowedIn(4), Is.True);
        Assert.That(VaeLatentGrid.Of(8, LatentPoint.Centroid).AllowedIn(4), Is.False);
        Assert.That(VaeLatentGrid.Of(10, LatentPoint.Midpoint).AllowedIn(5), Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeLatentGrid.Of(7, LatentPoint.Midpoint));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeLatentGrid.Of(13, LatentPoint.Midpoint));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeLatentGrid.Of(12, LatentPoint.Midpoint, 19));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeLatentGrid.Of(8, LatentPoint.Midpoint, 25));
        Assert.That(VaeLatentGrid.Coarse.ProposalPrecision, Is.EqualTo(16));
        Assert.That(VaeLatentGrid.Of(10, LatentPoint.Midpoint, 18), Is.Not.SameAs(VaeLatentGrid.Of(10, LatentPoint.Midpoint)));
        Assert.That(VaeLatentGrid.ParsePoint("centroid"), Is.EqualTo(LatentPoint.Centroid));
        Assert.Throws<FormatException>(() => VaeLatentGrid.ParsePoint("Centroid"));
    }

    [Test]
    public void ShapeAndIdentityAreTheNetworks()
    {
        var model = new VaeLatentModel(TinyVae.Model, VaeLatentGrid.Coarse);
        ModelShape s = model.Shape;
        Assert.That((s.Steps, s.SymbolsPerStep, s.SymbolCount, s.LatentDims, s.LatentCount, s.ProposalPrecision, s.ProposalUsesPrevious),
            Is.EqualTo((1, 64, 2, 4, 256, 16, false)));
        ModelShape fine = new VaeLatentModel(TinyVae.Model, VaeLatentGrid.Of(12, LatentPoint.Midpoint)).Shape;
        Assert.That((fine.LatentCount, fine.ProposalPrecision), Is.EqualTo((4096, 24)));
        Assert.That(new VaeLatentModel(TinyVae.Model, VaeLatentGrid.Of(10, LatentPoint.Midpoint, 18)).Shape.ProposalPrecision, Is.EqualTo(18));
        Assert.That(model.Identity.Description, Is.EqualTo(VaeCodec.Description(TinyVae.Model)));
        Assert.That(model.Identity.Fingerprint, Is.EqualTo(Convert.FromHexString(TinyVae.Model.Fingerprint)));
    }

    [TestCase(8, LatentPoint.Midpoint, 16)]
    [TestCase(12, LatentPoint.Centroid, 24)]
    public void SessionAnswersFromTheNetworkAndPreparedRowsEqualUnpreparedOnes(int bits, LatentPoint point, int precision)
    {
        VaeLatentGrid grid = VaeLatentGrid.Of(bits, point, precision);
        int buckets = grid.Count;
        var model = new VaeLatentModel(TinyVae.Model, grid);
        const int chains = 3, particles = 2, d = 64, l = 4;
        byte[] images = TinyVae.Images(chains).Bits;
        var x = new int[d * chains];
        for (int b = 0; b < chains; b++) for (int w = 0; w < d; w++) x[w * chains + b] = images[b * d + w];
        using IModelSession session = model.OpenSession(chains, particles);
        session.Observe(new ObservedBatch(0, 0, chains, chains, x));

        // Proposal: the discretised Gaussian of the encoder's mean and std.
        var mean = new float[chains * l];
        var std = new float[chains * l];
        TinyVae.Model.Encode(images, chains, mean, std);
        var rows = new int[chains];
        var expected = new uint[buckets];
        for (int k = 0; k < l; k++)
        {
            QuantizedRows q = session.Proposal(new LatentQuery(0, k, 0, chains, new LaneColumns(x, chains), default, default), rows);
            Assert.That(q.Precision, Is.EqualTo(precision));
            for (int b = 0; b < chains; b++)
            {
                DiscretizedGaussian.Quantize(mean[b * l + k], std[b * l + k], grid.Buckets, precision, expected);
                Assert.That(q.Freq.AsSpan(rows[b] * buckets, buckets).ToArray(), Is.EqualTo(expected), $"chain {b} latent {k}");
            }
        }

        // Likelihood: prepared rows (all particles in one pass) equal the rows of the latents alone.
        var z = new int[particles * l * chains];
        var rng = new Random(5);
        for (int i = 0; i < z.Length; i++) z[i] = rng.Next(buckets);
        session.PrepareLikelihood(new LatentBatch(0, 0, chains, particles, l, l * chains, chains, z));
        var slots = new int[chains];
        var alone = new int[chains];
        for (int i = 0; i < particles; i++)
        {
            Array.Fill(slots, i);
            var latent = new LaneColumns(z.AsSpan(i * l * chains), chains);
            for (int w = 0; w < d; w += 7)
            {
                session.Likelihood(new LatentQuery(0, w, 0, chains, default, default, latent, slots), rows);
                QuantizedRows e = session.Likelihood(new LatentQuery(0, w, 0, chains, default, default, latent), alone);
                Assert.That(rows, Is.EqualTo(alone), $"particle {i} pixel {w}");
                Assert.That(e, Is.SameAs(VaeLatentModel.PixelTable));
            }
            var fast = new long[chains];
            var slow = new long[chains];
            session.AddLogLikelihood(new LatentQuery(0, 0, 0, chains, new LaneColumns(x, chains), default, latent, slots), d, rows, fast);
            session.AddLogLikelihood(new LatentQuery(0, 0, 0, chains, new LaneColumns(x, chains), default, latent), d, rows, slow);
            var byTables = new long[chains];
            for (int w = 0; w < d; w++)
            {
                QuantizedRows e = session.Likelihood(new LatentQuery(0, w, 0, chains, default, default, latent), alone);
                for (int b = 0; b < chains; b++) byTables[b] += e.Log2Q32[alone[b] * 2 + x[w * chains + b]];
            }
            Assert.That(fast, Is.EqualTo(byTables), $"particle {i}");
            Assert.That(slow, Is.EqualTo(byTables), $"particle {i}");
        }
    }
}
