// Gaussian quantiser: Phi against reference values (Python's math.erfc), equal-mass bucket edges to
// 1e-12, symmetric edges and centres, and discretised tables that sum to 2^prec with every bucket >= 1,
// including means far outside the buckets and tiny or huge standard deviations.
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class GaussianTests
{
    [TestCase(-37, 5.725571222525139e-300)]
    [TestCase(-20, 2.7536241186063314e-89)]
    [TestCase(-8.5, 9.479534822203355e-18)]
    [TestCase(-6, 9.865876450377012e-10)]
    [TestCase(-4.2, 1.3345749015906346e-05)]
    [TestCase(-3.0001, 0.001349454913260717)]
    [TestCase(-3, 0.0013498980316300957)]
    [TestCase(-2.9999, 0.0013503412829549248)]
    [TestCase(-1.5, 0.06680720126885809)]
    [TestCase(-0.3, 0.3820885778110474)]
    [TestCase(0, 0.5)]
    [TestCase(0.7, 0.758036347776927)]
    [TestCase(2.2, 0.9860965524865014)]
    [TestCase(3.5, 0.9997673709209645)]
    [TestCase(5.5, 0.9999999810104375)]
    public void CdfMatchesReference(double x, double expected)
        => Assert.That(NormalDistribution.Cdf(x), Is.EqualTo(expected).Within(2e-13 * expected));

    [Test]
    public void BucketEdgesHaveEqualMass([Values(1, 2, 5, 8, 12, 16)] int bits)
    {
        var buckets = new GaussianBuckets(bits);
        int count = 1 << bits;
        Assert.That(buckets.Edges[0], Is.EqualTo(double.NegativeInfinity));
        Assert.That(buckets.Edges[count], Is.EqualTo(double.PositiveInfinity));
        for (int i = 1; i < count; i++)
        {
            Assert.That(NormalDistribution.Cdf(buckets.Edges[i]), Is.EqualTo(i / (double)count).Within(1e-12), $"edge {i}");
            Assert.That(buckets.Edges[i], Is.EqualTo(-buckets.Edges[count - i]));
            Assert.That(buckets.Edges[i], Is.GreaterThan(buckets.Edges[i - 1]));
        }
        for (int i = 0; i < count; i++)
        {
            Assert.That(NormalDistribution.Cdf(buckets.Centres[i]), Is.EqualTo((i + 0.5) / count).Within(1e-12));
            Assert.That(buckets.BucketOf(buckets.Centres[i]), Is.EqualTo(i));
        }
    }

    [Test]
    public void QuantileInvertsCdfInTheTails()
    {
        foreach (double p in new[] { 1e-300, 1e-100, 1e-20, 1e-9, 0.01, 0.3, 0.7, 0.99, 1 - 1e-12 })
        {
            double x = NormalDistribution.Quantile(p);
            // Compare in the smaller tail, where Phi is accurate relative to its size.
            double tail = p < 0.5 ? NormalDistribution.Cdf(x) : NormalDistribution.Cdf(-x);
            double expected = p < 0.5 ? p : 1 - p;
            Assert.That(tail, Is.EqualTo(expected).Within(1e-12 * expected), $"p={p}");
        }
    }

    [Test]
    public void DiscretizedGaussianIsExactWithEveryBucketPositive()
    {
        var rng = new Random(8);
        var buckets = new GaussianBuckets(8);
        var f = new uint[buckets.Count];
        foreach ((double mean, double std) in new[] { (0.0, 1.0), (1e6, 1.0), (-1e6, 1e-3), (0.3, 1e-9), (0, 1e9) }
            .Concat(Enumerable.Range(0, 200).Select(_ => ((rng.NextDouble() - 0.5) * 10, Math.Exp((rng.NextDouble() - 0.5) * 12)))))
        {
            foreach (int precision in new[] { 8, 12, 16, 24, 32 })
            {
                DiscretizedGaussian.Quantize(mean, std, buckets, precision, f);
                Assert.That(f.Aggregate(0UL, (a, v) => a + v), Is.EqualTo(1UL << precision));
                Assert.That(f.Min(), Is.GreaterThanOrEqualTo(1u));
            }
        }
        // The standard normal itself is (nearly) uniform over its own equal-mass buckets.
        DiscretizedGaussian.Quantize(0, 1, buckets, 16, f, QuantizeMode.Optimal);
        Assert.That(f.Max() - f.Min(), Is.LessThanOrEqualTo(1u));
        var mass = new double[buckets.Count];
        DiscretizedGaussian.Masses(0.4, 0.7, buckets, mass);
        Assert.That(mass.Sum(), Is.EqualTo(1.0).Within(1e-12));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscretizedGaussian.Quantize(0, 0, buckets, 16, f));
    }
}

// DiscretizedGaussian.Masses computes each edge's tail once and shares it between its two buckets; it must give the
// very doubles of NormalDistribution.Mass per bucket (the VAE's proposal tables depend on them, and old messages with them).
public class DiscretizedGaussianSharedEdgeTests
{
    [TestCase(8)]
    [TestCase(10)]
    public void SharedEdgeTailsGiveTheMassesOfMassPerBucket(int bits)
    {
        var buckets = new GaussianBuckets(bits);
        var rng = new Random(bits);
        var shared = new double[buckets.Count];
        for (int row = 0; row < (bits == 8 ? 20000 : 2000); row++)
        {
            double mean = row % 10 == 0 ? buckets.Edges[1 + rng.Next(buckets.Count - 1)] : (rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.NextDouble() * 3 - 1);
            double std = Math.Pow(10, rng.NextDouble() * 18 - 12);
            DiscretizedGaussian.Masses(mean, std, buckets, shared);
            // The per-bucket form Masses had before it shared the edges.
            var reference = new double[buckets.Count];
            double inv = 1.0 / std, total = 0, lower = (buckets.Edges[0] - mean) * inv;
            for (int i = 0; i < reference.Length; i++)
            {
                double upper = (buckets.Edges[i + 1] - mean) * inv;
                reference[i] = NormalDistribution.Mass(lower, upper);
                total += reference[i];
                lower = upper;
            }
            if (!(total > 0)) reference[buckets.BucketOf(mean)] = 1.0;
            for (int i = 0; i < reference.Length; i++)
                if (BitConverter.DoubleToInt64Bits(shared[i]) != BitConverter.DoubleToInt64Bits(reference[i]))
                    Assert.Fail($"mean {mean:R}, std {std:R}, bucket {i}: {shared[i]:R} against {reference[i]:R}");
        }
    }
}
