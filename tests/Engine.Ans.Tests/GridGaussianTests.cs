// GridGaussian: the never-built precision-32 table of a Gaussian on the integer grid. Every window bin has a frequency
// >= 1 and the table sums to 2^32 for means and stds from far below a bin to past the window cap; the pop search finds
// the interval push uses; a bin costs what the Gaussian's mass says; values outside the window round-trip through the escape.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class GridGaussianTests
{
    private static readonly double[] Stds = [0, 1e-9, 1e-3, 0.01, 0.3, 0.5, 1, 2.5, 17, 250, 4096.5, 1e5, 2e5, 1e7, double.NaN, double.PositiveInfinity];

    [Test]
    public void EveryBinHasAFrequencyAndTheTableSumsTo2To32()
    {
        var rng = new Random(3);
        foreach (double std in Stds)
            for (int trial = 0; trial < 6; trial++)
            {
                double mean = trial switch { 0 => 0, 1 => 0.5, 2 => -0.5, 3 => 1e9, 4 => double.NaN, _ => (rng.NextDouble() - 0.5) * 1e6 };
                var g = new GridGaussian(mean, std);
                Assert.That(g.Cumulative(0), Is.EqualTo(0u));
                Assert.That((ulong)g.EscapeStart + GridGaussian.EscapeFreq, Is.EqualTo(1UL << GridGaussian.Precision));
                // Every bin of small windows; a sample of edges and all bins around the mean of large ones.
                int n = g.WindowBins;
                IEnumerable<int> edges = n <= 5000 ? Enumerable.Range(0, n) : Enumerable.Range(0, 4000).Select(_ => rng.Next(n))
                    .Concat(Enumerable.Range(n / 2 - 2000, 4000));
                foreach (int j in edges)
                    Assert.That(g.Cumulative(j + 1), Is.GreaterThan(g.Cumulative(j)), $"mean {mean}, std {std}, bin {j} of {n}");
                Assert.That(g.Cumulative(n), Is.EqualTo(g.EscapeStart));
            }
    }

    [Test]
    public void FindReturnsTheIntervalThatIntervalGives()
    {
        var rng = new Random(5);
        foreach (double std in Stds)
            for (int trial = 0; trial < 200; trial++)
            {
                double mean = (rng.NextDouble() - 0.5) * 2000;
                var g = new GridGaussian(mean, std);
                uint cf = trial switch { 0 => 0, 1 => g.EscapeStart - 1, 2 => g.EscapeStart, 3 => (1u << GridGaussian.Precision) - 1, _ => (uint)rng.NextInt64(1L << GridGaussian.Precision) };
                long k = g.Find(cf, out uint start, out uint freq, out bool escape);
                Assert.That(cf - start, Is.LessThan(freq));
                if (escape)
                {
                    Assert.That(cf, Is.GreaterThanOrEqualTo(g.EscapeStart));
                    Assert.That(g.Interval(g.Index(g.WindowLow - 1, 0)), Is.EqualTo((start, freq)));
                    continue;
                }
                Assert.That(g.InWindow(g.Index(k, 0)), Is.True);
                Assert.That(g.Interval(g.Index(k, 0)), Is.EqualTo((start, freq)));
            }
    }

    [TestCase(0.37, 40.0)]
    [TestCase(-12.8, 3.0)]
    [TestCase(5.0, 700.0)]
    [TestCase(-3e5, 1e6)]
    public void ABinCostsItsGaussianMass(double mean, double std)
    {
        var g = new GridGaussian(mean, std);
        for (long k = (long)(mean - 3 * std); k <= (long)(mean + 3 * std); k += Math.Max(1, (long)(std / 8)))
        {
            (uint _, uint freq) = g.Interval(k);
            double bits = -Math.Log2(freq / Math.ScaleB(1.0, GridGaussian.Precision)) + g.FineBits;
            // Wide Gaussians code the coarse bin k >> f (2^f grid bins) and the low f bits uniformly.
            long low = (k >> g.FineBits) << g.FineBits, high = low + (1L << g.FineBits);
            double exact = -Math.Log2(NormalDistribution.Mass((low - 0.5 - mean) / std, (high - 0.5 - mean) / std)) + g.FineBits;
            Assert.That(bits - exact, Is.InRange(-2e-4 - 2.0 / freq, 2e-4 + 2.0 / freq), $"bin {k}");
        }
    }

    [Test]
    public void ValuesInAndOutOfTheWindowRoundTripOnTheLanes()
    {
        var rng = new Random(11);
        const int lanes = 4, steps = 3000;
        var rans = new RansLanes(lanes, 21);
        var pushed = new List<(double Mean, double Std, long K)>[lanes];
        for (int b = 0; b < lanes; b++) pushed[b] = [];
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < lanes; b++)
            {
                double mean = (rng.NextDouble() - 0.5) * 1e4, std = Math.Pow(2, rng.NextDouble() * 40 - 8);
                long k = rng.Next(20) == 0 ? rng.NextInt64(-GridGaussian.GridLimit, GridGaussian.GridLimit)
                    : Math.Clamp((long)Math.Round(mean + std * (rng.NextDouble() - 0.5) * 6), -GridGaussian.GridLimit, GridGaussian.GridLimit - 1);
                Push(rans, b, new GridGaussian(mean, std), k);
                pushed[b].Add((mean, std, k));
            }
        for (int t = steps - 1; t >= 0; t--)
            for (int b = lanes - 1; b >= 0; b--)
            {
                (double mean, double std, long k) = pushed[b][t];
                Assert.That(Pop(rans, b, new GridGaussian(mean, std)), Is.EqualTo(k));
            }
        Assert.That(rans.AllAtInitialState(), Is.True);
    }

    [Test]
    public void ExtremeStdsStillCodeEveryGridIndex()
    {
        // A model's infinite or enormous std is capped (MaxStd): the low bits stay at most 18 and the escape always has indices.
        var rans = new RansLanes(1, 5);
        var pushed = new List<(double Mean, double Std, long K)>();
        var rng = new Random(9);
        foreach (double std in new[] { GridGaussian.MaxStd, Math.Pow(2, 38.5), Math.Pow(2, 40), double.PositiveInfinity, double.MaxValue })
            foreach (long k in new[] { 0L, GridGaussian.GridLimit - 1, -GridGaussian.GridLimit, rng.NextInt64(-GridGaussian.GridLimit, GridGaussian.GridLimit) })
            {
                var g = new GridGaussian(rng.NextDouble() * 1e9, std);
                Assert.That(g.FineBits, Is.LessThanOrEqualTo(18));
                Assert.That(g.EscapeCount, Is.GreaterThan(0u));
                Push(rans, 0, g, k);
                pushed.Add((0, std, k));
            }
        rng = new Random(9);
        var means = pushed.Select(_ => 0.0).ToArray();
        // Re-derive the same means by replaying the generator in push order.
        int i = 0;
        foreach (double std in new[] { GridGaussian.MaxStd, Math.Pow(2, 38.5), Math.Pow(2, 40), double.PositiveInfinity, double.MaxValue })
            foreach (long _ in new[] { 0L, 0L, 0L, rng.NextInt64(-GridGaussian.GridLimit, GridGaussian.GridLimit) })
                means[i++] = rng.NextDouble() * 1e9;
        for (int t = pushed.Count - 1; t >= 0; t--)
            Assert.That(Pop(rans, 0, new GridGaussian(means[t], pushed[t].Std)), Is.EqualTo(pushed[t].K));
        Assert.That(rans.AllAtInitialState(), Is.True);
    }

    [Test]
    public void EscapeValuesNameExactlyTheIndicesOutsideTheWindow()
    {
        var g = new GridGaussian(100.3, 2.0);
        long low = g.WindowLow, high = g.WindowLow + g.WindowBins;
        Assert.That(g.EscapeValue(-GridGaussian.GridLimit), Is.EqualTo(0u));
        Assert.That(g.EscapeValue(low - 1), Is.EqualTo((uint)(low - 1 + GridGaussian.GridLimit)));
        Assert.That(g.EscapeValue(high), Is.EqualTo((uint)(low + GridGaussian.GridLimit)));
        Assert.That(g.EscapeValue(GridGaussian.GridLimit - 1), Is.EqualTo(g.EscapeCount - 1));
        foreach (long k in new[] { -GridGaussian.GridLimit, low - 1, high, high + 5, GridGaussian.GridLimit - 1L })
            Assert.That(g.FromEscapeValue(g.EscapeValue(k)), Is.EqualTo(k));
        foreach (uint v in new[] { 0u, (uint)(low + GridGaussian.GridLimit - 1), (uint)(low + GridGaussian.GridLimit), g.EscapeCount - 1 })
            Assert.That(g.InWindow(g.FromEscapeValue(v)), Is.False, $"value {v}");
        Assert.Throws<ArgumentOutOfRangeException>(() => g.EscapeValue(low));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.EscapeValue(GridGaussian.GridLimit));
    }

    private static void Push(RansLanes rans, int lane, GridGaussian g, long k)
    {
        if (g.FineBits > 0) rans.PushUniformOne(lane, g.FineValue(k), g.FineCount);
        if (!g.InWindow(k)) rans.PushUniformOne(lane, g.EscapeValue(k), g.EscapeCount);
        (uint start, uint freq) = g.Interval(k);
        rans.PushOne(lane, start, freq, GridGaussian.Precision);
    }

    private static long Pop(RansLanes rans, int lane, GridGaussian g)
    {
        Span<uint> cf = stackalloc uint[1];
        rans.PeekCf(lane, GridGaussian.Precision, cf);
        long coarse = g.Find(cf[0], out uint start, out uint freq, out bool escape);
        rans.CommitOne(lane, start, freq, GridGaussian.Precision);
        if (escape) coarse = g.FromEscapeValue(rans.PopUniformOne(lane, g.EscapeCount));
        return g.Index(coarse, g.FineBits > 0 ? rans.PopUniformOne(lane, g.FineCount) : 0);
    }
}
