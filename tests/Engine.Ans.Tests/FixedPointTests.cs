// Fixed-point log2 / exp2, weight quantisation and the ESS test: accuracy against double references,
// exact sums, and agreement of the integer ESS decision with the real-valued one away from ties.
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class FixedPointTests
{
    [Test]
    public void FixedLog2IsAccurateOnAllRatios()
    {
        var rng = new Random(1);
        for (int rep = 0; rep < 20000; rep++)
        {
            int precision = rng.Next(1, 33);
            uint freq = (uint)rng.NextInt64(1, (long)Math.Min(1UL << precision, uint.MaxValue) + 1);
            double expected = Math.Log2(freq) - precision;
            Assert.That(FixedLog2.ToDouble(FixedLog2.OfRatio(freq, precision)), Is.EqualTo(expected).Within(1e-9));
        }
        Assert.That(FixedLog2.OfRatio(1u << 20, 20), Is.EqualTo(0));
        Assert.That(FixedLog2.Of(1), Is.EqualTo(0));
        Assert.That(FixedLog2.Of(2), Is.EqualTo(FixedLog2.One));
        Assert.That(FixedLog2.ToDouble(FixedLog2.Of(ulong.MaxValue)), Is.EqualTo(64.0).Within(1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedLog2.OfRatio(0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedLog2.OfRatio(257, 8));
    }

    [Test]
    public void FixedExp2InvertsFixedLog2()
    {
        var rng = new Random(2);
        for (int rep = 0; rep < 20000; rep++)
        {
            double x = rng.NextDouble() * 60 - 45; // 2^-45 .. 2^15
            long q = (long)Math.Round(x * FixedLog2.One);
            double expected = Math.Pow(2, q / (double)FixedLog2.One) * FixedLog2.One;
            double got = FixedExp2.Of(q);
            Assert.That(got, Is.EqualTo(expected).Within(expected * 2e-9 + 1.0));
        }
        Assert.That(FixedExp2.Of(0), Is.EqualTo(1UL << 32));
        Assert.That(FixedExp2.Of(-FixedLog2.One), Is.EqualTo(1UL << 31));
        Assert.That(FixedExp2.Of(-40 * FixedLog2.One), Is.EqualTo(0UL));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedExp2.Of(32 * FixedLog2.One));
    }

    [Test]
    public void WeightQuantizerIsExactAndProportional()
    {
        var rng = new Random(3);
        for (int rep = 0; rep < 300; rep++)
        {
            int precision = rng.Next(9, 33);
            int k = rng.Next(1, 300);
            var w = new long[k];
            for (int i = 0; i < k; i++)
                w[i] = rng.Next(20) == 0 ? WeightQuantizer.ZeroWeight : (long)((rng.NextDouble() * 40 - 20) * FixedLog2.One);
            if (w.All(v => v == WeightQuantizer.ZeroWeight))
                w[0] = 0;
            var f = new uint[k];
            WeightQuantizer.FromLog2Weights(w, precision, f);
            Assert.That(f.Aggregate(0UL, (a, v) => a + v), Is.EqualTo(1UL << precision));
            Assert.That(f.Min(), Is.GreaterThanOrEqualTo(1u));
            // Close to the real-valued fast rule.
            double max = w.Where(v => v != WeightQuantizer.ZeroWeight).Max() / (double)FixedLog2.One;
            var lin = w.Select(v => v == WeightQuantizer.ZeroWeight ? 0 : Math.Pow(2, v / (double)FixedLog2.One - max)).ToArray();
            double sum = lin.Sum();
            double spare = (1UL << precision) - (ulong)k;
            int argmax = Array.IndexOf(w, w.Max());
            for (int i = 0; i < k; i++)
            {
                if (i == argmax)
                    continue;
                Assert.That((double)f[i], Is.EqualTo(Math.Floor(lin[i] / sum * spare) + 1).Within(1.0 + 1e-8 * spare));
            }
        }
    }

    [Test]
    public void EssDecisionMatchesRealArithmetic()
    {
        var rng = new Random(4);
        int agreed = 0;
        for (int rep = 0; rep < 2000; rep++)
        {
            int n = rng.Next(1, 200);
            double spread = rng.NextDouble() * 8;
            var w = Enumerable.Range(0, n).Select(_ => (long)(rng.NextDouble() * spread * FixedLog2.One)).ToArray();
            var lin = w.Select(v => Math.Pow(2, v / (double)FixedLog2.One)).ToArray();
            double ess = lin.Sum() * lin.Sum() / lin.Sum(x => x * x);
            Assert.That(FixedEss.Ess(w), Is.EqualTo(ess).Within(1e-6 * ess));
            if (Math.Abs(ess - n / 2.0) > 1e-6 * n)
            {
                Assert.That(FixedEss.IsBelowHalf(w), Is.EqualTo(ess < n / 2.0));
                agreed++;
            }
        }
        Assert.That(agreed, Is.GreaterThan(1900));
    }
}
