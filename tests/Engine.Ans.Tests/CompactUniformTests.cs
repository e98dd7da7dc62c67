// ExactUniform at a chosen precision (format version 4 codes uniforms at 24 bits where n fits): the intervals tile
// [0, 2^p) with widths ⌊2^p / n⌋ or one more, Value inverts Interval for every cf, and the precision-32 overloads are
// the precision-less ones. Pushing such intervals through the lanes costs about log2 n — far below the ~0.003 bits per
// push of the exact uniform at 32 bits, whose state overhead comes from 2^32 being the head's own lower bound.
namespace Engine.Ans.Tests;

public class CompactUniformTests
{
    [TestCase(2u, 8)]
    [TestCase(3u, 24)]
    [TestCase(1000u, 24)]
    [TestCase(65535u, 24)]
    [TestCase(16777216u, 24)]
    [TestCase(5u, 32)]
    public void IntervalsTileTheRangeAndValueInvertsThem(uint n, int precision)
    {
        ulong next = 0;
        var rng = new Random((int)n);
        for (uint v = 0; v < n; v = n > 5000 ? v + 1 + (uint)rng.Next(4000) : v + 1)
        {
            (uint start, uint freq) = ExactUniform.Interval(v, n, precision);
            if (n <= 5000) Assert.That(start, Is.EqualTo(next), $"value {v}");
            Assert.That(freq, Is.InRange((uint)((1UL << precision) / n), (uint)((1UL << precision) / n) + 1));
            Assert.That(ExactUniform.Value(start, n, precision), Is.EqualTo(v));
            Assert.That(ExactUniform.Value(start + freq - 1, n, precision), Is.EqualTo(v));
            next = start + (ulong)freq;
            if (precision == 32) Assert.That((start, freq), Is.EqualTo(ExactUniform.Interval(v, n)));
        }
        if (n <= 5000) Assert.That(next, Is.EqualTo(1UL << precision), "the widths sum to 2^p");
        if (precision < 32) Assert.Throws<ArgumentOutOfRangeException>(() => ExactUniform.Interval(0, (uint)((1UL << precision) + 1), precision), "n above 2^p");
    }

    [Test]
    public void AtTwentyFourBitsAUniformCostsItsLogAndRoundTrips()
    {
        var rng = new Random(3);
        const int count = 100000;
        foreach (uint n in new uint[] { 3, 1000, 4000 })
        {
            var lanes = new RansLanes(1, 7);
            var values = new uint[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = (uint)rng.Next((int)n);
                (uint start, uint freq) = ExactUniform.Interval(values[i], n, 24);
                lanes.Push([start], [freq], 24);
            }
            double excess = (lanes.Account(0).TotalBits - 64 - count * Math.Log2(n)) / count;
            Assert.That(excess, Is.LessThan(0.0005), $"n = {n}: {excess:F6} bits per push above log2 n");
            var decoder = RansLanes.FromState(7, lanes.SnapshotHeads(), lanes.SnapshotTails());
            var cf = new uint[1];
            for (int i = count - 1; i >= 0; i--)
            {
                decoder.PeekCf(24, cf);
                uint v = ExactUniform.Value(cf[0], n, 24);
                Assert.That(v, Is.EqualTo(values[i]));
                (uint start, uint freq) = ExactUniform.Interval(v, n, 24);
                decoder.Commit([start], [freq], 24);
            }
            Assert.That(decoder.AllAtInitialState(), Is.True);
        }
    }
}
