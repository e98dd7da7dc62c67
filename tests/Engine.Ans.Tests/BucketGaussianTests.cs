// BucketGaussian: every row sums to 2^p with every bucket >= 1 for wide, narrow, far-off and extreme Gaussians; one bucket's
// Frequency equals its entry of the full row; the row is close to the exact discretisation (DiscretizedGaussian), so the cheap
// table costs no rate; the interpolated Phi is monotone and within 1e-7 of NormalDistribution.Cdf.
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class BucketGaussianTests
{
    private static readonly GaussianBuckets Buckets = new(8);

    private static IEnumerable<TestCaseData> Gaussians()
    {
        foreach (double mean in new[] { 0.0, 0.37, -1.9, 3.5, -8.0, 40.0 })
            foreach (double std in new[] { 1.0, 0.3, 0.01, 1e-6, 5.0, 1e4 })
                yield return new TestCaseData(mean, std);
    }

    [TestCaseSource(nameof(Gaussians))]
    public void RowsAreValidAndEachBucketMatchesItsRow(double mean, double std)
    {
        foreach (int precision in new[] { 16, 20, 24 })
        {
            var freqs = new uint[Buckets.Count];
            BucketGaussian.Fill(mean, std, Buckets, precision, freqs);
            Assert.That(freqs.Select(f => (long)f).Sum(), Is.EqualTo(1L << precision));
            Assert.That(freqs.Min(), Is.GreaterThanOrEqualTo(1u));
            for (int b = 0; b < Buckets.Count; b++)
                Assert.That(BucketGaussian.Frequency(mean, std, Buckets, precision, b), Is.EqualTo(freqs[b]), $"bucket {b} at precision {precision}");
        }
    }

    [TestCase(0.0, 1.0)]
    [TestCase(0.8, 0.2)]
    [TestCase(-2.1, 0.05)]
    [TestCase(1.2, 2.5)]
    public void RowsAreCloseToTheExactDiscretisation(double mean, double std)
    {
        const int precision = 20;
        var cheap = new uint[Buckets.Count];
        var exact = new uint[Buckets.Count];
        BucketGaussian.Fill(mean, std, Buckets, precision, cheap);
        DiscretizedGaussian.Quantize(mean, std, Buckets, precision, exact);
        // Cross-entropy of each table under the exact masses: the cheap one may cost at most a thousandth of a bit more.
        var mass = new double[Buckets.Count];
        DiscretizedGaussian.Masses(mean, std, Buckets, mass);
        double total = mass.Sum(), cheapBits = 0, exactBits = 0;
        for (int b = 0; b < Buckets.Count; b++)
        {
            cheapBits -= mass[b] / total * Math.Log2(cheap[b] / (double)(1 << precision));
            exactBits -= mass[b] / total * Math.Log2(exact[b] / (double)(1 << precision));
        }
        Assert.That(cheapBits - exactBits, Is.LessThan(1e-3));
    }

    [Test]
    public void InterpolatedPhiIsMonotoneAndClose()
    {
        double previous = 0;
        for (double a = -10; a <= 10; a += 0.000731)
        {
            double f = BucketGaussian.Phi(a);
            Assert.That(f, Is.GreaterThanOrEqualTo(previous), $"a = {a}");
            Assert.That(f, Is.EqualTo(NormalDistribution.Cdf(a)).Within(1e-7), $"a = {a}");
            previous = f;
        }
        Assert.That(BucketGaussian.Phi(double.NegativeInfinity), Is.Zero);
        Assert.That(BucketGaussian.Phi(double.PositiveInfinity), Is.EqualTo(1.0));
    }

    [Test]
    public void BadInputsAreRefused()
    {
        var freqs = new uint[Buckets.Count];
        Assert.Throws<ArgumentOutOfRangeException>(() => BucketGaussian.Fill(double.NaN, 1, Buckets, 20, freqs));
        Assert.Throws<ArgumentOutOfRangeException>(() => BucketGaussian.Fill(0, 0, Buckets, 20, freqs));
        Assert.Throws<ArgumentOutOfRangeException>(() => BucketGaussian.Fill(0, 1, Buckets, 7, freqs));
        Assert.Throws<ArgumentException>(() => BucketGaussian.Fill(0, 1, Buckets, 20, new uint[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BucketGaussian.Frequency(0, 1, Buckets, 20, 256));
    }
}
