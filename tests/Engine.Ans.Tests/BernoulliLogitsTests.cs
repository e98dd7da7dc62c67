// BernoulliQuantizer.FrequenciesOfOneFromLogits (the vector form) against the scalar FrequencyOfOneFromLogit, which
// defines the VAE's pixel tables: every result must be the same integer, or old messages stop decoding. Sweeps of
// float bit patterns around the region where the frequency moves (|logit| < 12), random floats of every magnitude,
// the special values, spans whose length is not a multiple of the vector width, every precision, and NaN.
// (A one-off run over all 2^32 float patterns at precision 16 also found no difference; docs/architecture.md says so.)
using System.Runtime.Intrinsics;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class BernoulliLogitsTests
{
    [Test]
    public void EveryFloatOfAStridedSweepMatchesTheScalarFunction([Values(1, 8, 12, 16, 20)] int precision)
    {
        // Bit patterns of [-16, 16] at a stride that is not a power of two, so every exponent and many mantissas are hit.
        var logits = new List<float>();
        for (uint bits = 0; bits <= BitConverter.SingleToUInt32Bits(16f); bits += 4099)
        {
            logits.Add(BitConverter.UInt32BitsToSingle(bits));
            logits.Add(-BitConverter.UInt32BitsToSingle(bits));
        }
        AssertSame(logits.ToArray(), precision);
    }

    [Test]
    public void FloatsNextToEveryFrequencyStepMatch()
    {
        // The logits where the scalar frequency changes are where a one-ulp slip would show: walk a few floats either
        // side of each step edge logit(f / 2^16 ± 1/2^17).
        var logits = new List<float>();
        for (int f = 1; f < 1 << 16; f += 7)
        {
            double p = (f + 0.5) / 65536.0;
            float edge = (float)Math.Log(p / (1 - p));
            float below = edge, above = edge;
            for (int s = 0; s < 6; s++)
            {
                logits.Add(below);
                logits.Add(above);
                below = MathF.BitDecrement(below);
                above = MathF.BitIncrement(above);
            }
        }
        AssertSame(logits.ToArray(), 16);
    }

    [Test]
    public void RandomFloatsOfEveryMagnitudeAndSpecialValuesMatch([Range(0, 3)] int seed)
    {
        var rng = new Random(900 + seed);
        var logits = new float[1000 + seed]; // not a multiple of 8
        for (int k = 0; k < logits.Length; k++)
            logits[k] = rng.Next(4) == 0 ? BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32)) : (float)(rng.NextDouble() * 40 - 20);
        float[] special = [0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, 11.99f, 12f, -12f, 40f, -40f, 745.5f, -745.5f, 1e30f, -1e30f,
            float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity];
        for (int k = 0; k < logits.Length; k++)
            if (float.IsNaN(logits[k])) logits[k] = special[k % special.Length];
        special.CopyTo(logits, 16);
        for (int precision = 1; precision <= 24; precision++)
            AssertSame(logits, precision);
    }

    [Test]
    public void ANanLogitThrowsLikeTheScalarFunction([Values(0, 5, 8, 13)] int at)
    {
        var logits = new float[16];
        logits[at] = float.NaN;
        Assert.Throws<ArgumentOutOfRangeException>(() => BernoulliQuantizer.FrequenciesOfOneFromLogits(logits, 16, new uint[16]));
    }

    [Test]
    public void VectorExpMatchesTheScalarExpOverItsDomain()
    {
        var rng = new Random(77);
        for (int rep = 0; rep < 20000; rep++)
        {
            double[] x = [rng.NextDouble() * 1417 - 708, rng.NextDouble() * 80 - 40, -rng.NextDouble() * 1e-3, rep % 2 == 0 ? -708 : 709];
            double[] e = new double[4];
            DeterministicMath.ExpNormal(Vector256.Create(x)).CopyTo(e);
            for (int k = 0; k < 4; k++)
                Assert.That(BitConverter.DoubleToInt64Bits(e[k]), Is.EqualTo(BitConverter.DoubleToInt64Bits(DeterministicMath.Exp(x[k]))), $"x = {x[k]:R}");
        }
    }

    private static void AssertSame(float[] logits, int precision)
    {
        var vector = new uint[logits.Length];
        BernoulliQuantizer.FrequenciesOfOneFromLogits(logits, precision, vector);
        for (int k = 0; k < logits.Length; k++)
        {
            uint scalar = BernoulliQuantizer.FrequencyOfOneFromLogit(logits[k], precision);
            if (vector[k] != scalar)
                Assert.Fail($"logit {logits[k]:R} (bits {BitConverter.SingleToUInt32Bits(logits[k]):X8}) at precision {precision}: vector {vector[k]}, scalar {scalar}");
        }
    }
}
