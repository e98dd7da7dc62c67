// First checks of the categorical quantiser, fixed-point log2 and the reciprocal encoder.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class QuantizerSmokeTests
{
    [Test]
    public void CategoricalSumsToTotalWithEveryFreqPositive([Values(QuantizeMode.Fast, QuantizeMode.Optimal)] QuantizeMode mode)
    {
        var rng = new Random(3);
        for (int rep = 0; rep < 200; rep++)
        {
            int precision = rng.Next(1, 33);
            int k = (int)Math.Min(1UL << precision, (ulong)rng.Next(precision == 32 ? 2 : 1, 300));
            var p = new double[k];
            for (int i = 0; i < k; i++)
                p[i] = Math.Pow(rng.NextDouble(), 4);
            var f = new uint[k];
            CategoricalQuantizer.FromProbabilities(p, precision, f, mode);
            Assert.That(f.Aggregate(0UL, (s, v) => s + v), Is.EqualTo(1UL << precision));
            Assert.That(f.All(v => v >= 1), Is.True);
        }
    }

    [Test]
    public void FixedLog2MatchesLog2()
    {
        var rng = new Random(5);
        for (int rep = 0; rep < 2000; rep++)
        {
            ulong v = (ulong)rng.NextInt64(1, long.MaxValue) >> rng.Next(0, 63);
            if (v == 0) v = 1;
            double expected = Math.Log2(v);
            Assert.That(FixedLog2.ToDouble(FixedLog2.Of(v)), Is.EqualTo(expected).Within(1e-8));
        }
    }

    [Test]
    public void ReciprocalEncoderEqualsDivision()
    {
        var rng = new Random(8);
        for (int rep = 0; rep < 20000; rep++)
        {
            int precision = rng.Next(1, 33);
            (uint s, uint f) = RansLanesRoundTripTests.RandomInterval(rng, precision);
            var e = new RansEncSymbol(s, f, precision);
            ulong x = (ulong)rng.NextInt64() | (rng.Next(2) == 0 ? 0 : 1UL << 63);
            Assert.That(e.Quotient(x), Is.EqualTo(x / f), $"x={x} f={f}");
            if (x >= RansStep.LowerBound && !RansStep.MustEmit(x, f, precision))
                Assert.That(e.Encode(x), Is.EqualTo(RansStep.Encode(x, s, f, precision)));
        }
    }
}
