// FixedWeightsReferenceTests: the table-driven, branch-free FixedExp2 and the single-exponential weight
// paths (WeightQuantizer.LinearWeights / FromLinearWeights, FixedEss.IsBelowHalf on linear weights) give
// bit-identical results to the original bit-serial implementation, kept here as a private reference.
// Coded messages depend on these values, so any difference would be a format change.
//
// FixedExp2's result is r(f) shifted by the whole part, with the shift code unchanged, so comparing at
// whole = 31 (shift -1: every bit of r visible) over fractions f compares everything. The suite checks
// every head byte with edge tails, two exhaustive 2^20 blocks and a million random exponents; the
// explicit test checks all 2^32 fractions (minutes on two cores; run by hand after touching FixedExp2).
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public sealed class FixedWeightsReferenceTests
{
    private const long FullWhole = 31L << 32;

    [Test]
    public void FixedExp2MatchesTheBitSerialReferenceOnEdgesBlocksAndRandomExponents()
    {
        uint[] tails = [0, 1, 2, 0x7FFFFF, 0x800000, 0xFFFFFF, 0xAAAAAA, 0x555555, 0x000FFF, 0xFFF000];
        for (uint head = 0; head < 256; head++)
        {
            foreach (uint tail in tails)
                AssertSame(FullWhole | (long)((head << 24) | tail));
        }
        var rng = new Random(17);
        for (int block = 0; block < 2; block++)
        {
            uint start = (uint)rng.Next(256) << 24 | (uint)rng.Next(16) << 20;
            for (uint low = 0; low < 1u << 20; low++)
                AssertSameFast(FullWhole | (long)(start + low));
        }
        for (int rep = 0; rep < 1_000_000; rep++)
        {
            long whole = rng.Next(-36, 32);
            long e = (whole << 32) | (uint)rng.NextInt64(1L << 32);
            AssertSameFast(e);
        }
        Assert.That(FixedExp2.Of(-(64L << 32)), Is.EqualTo(0UL));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedExp2.Of(FixedExp2.MaxExponentQ32));
    }

    [Test]
    [Explicit("All 2^32 fractions: several minutes on two cores.")]
    public void FixedExp2MatchesTheBitSerialReferenceOnEveryFraction()
    {
        long mismatches = 0;
        Parallel.For(0, 256, head =>
        {
            long local = 0;
            for (uint low = 0; low < 1u << 24; low++)
            {
                long e = FullWhole | (long)(((uint)head << 24) | low);
                if (FixedExp2.Of(e) != ReferenceExp2(e))
                    local++;
            }
            Interlocked.Add(ref mismatches, local);
        });
        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void WeightPathsMatchTheTwoPassReference()
    {
        var rng = new Random(23);
        for (int rep = 0; rep < 3000; rep++)
        {
            int k = rep % 10 == 0 ? rng.Next(513, 1500) : rng.Next(1, 70); // past the stack buffer sometimes
            int minPrecision = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)k);
            int precision = rng.Next(Math.Max(minPrecision, k < 2 ? 1 : 2), 33);
            if (precision == 32 && k < 2)
                k = 2;
            long[] w = RandomLog2Weights(rng, k);
            var expected = new uint[k];
            ReferenceFromLog2Weights(w, precision, expected);

            var viaLog2 = new uint[k];
            WeightQuantizer.FromLog2Weights(w, precision, viaLog2);
            Assert.That(viaLog2, Is.EqualTo(expected), "FromLog2Weights");

            var linear = new ulong[k];
            long max = WeightQuantizer.LinearWeights(w, linear);
            Assert.That(max, Is.EqualTo(w.Max()));
            var viaLinear = new uint[k];
            WeightQuantizer.FromLinearWeights(linear, precision, viaLinear);
            Assert.That(viaLinear, Is.EqualTo(expected), "FromLinearWeights");

            Assert.That(FixedEss.IsBelowHalf(linear), Is.EqualTo(ReferenceIsBelowHalf(w)), "ESS on linear weights");
            Assert.That(FixedEss.IsBelowHalf(w), Is.EqualTo(ReferenceIsBelowHalf(w)), "ESS on log2 weights");
        }
    }

    [Test]
    public void LinearWeightOverloadsRejectBadInput()
    {
        Assert.Throws<ArgumentException>(() => WeightQuantizer.LinearWeights([1, 2], new ulong[3]));
        Assert.Throws<ArgumentException>(() => WeightQuantizer.LinearWeights([WeightQuantizer.ZeroWeight], new ulong[1]));
        Assert.Throws<ArgumentException>(() => WeightQuantizer.FromLinearWeights([0, 0], 8, new uint[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightQuantizer.FromLinearWeights([(1UL << 32) + 1, 1], 8, new uint[2]));
        Assert.Throws<ArgumentException>(() => WeightQuantizer.FromLinearWeights([1, 1, 1], 1, new uint[3]));
        Assert.Throws<ArgumentException>(() => FixedEss.IsBelowHalf(ReadOnlySpan<ulong>.Empty));
        Assert.Throws<ArgumentException>(() => FixedEss.IsBelowHalf([0UL, 0UL]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedEss.IsBelowHalf([ulong.MaxValue, 1UL]));
    }

    /// <summary>Mixtures of clustered, widely spread, tied-at-max and zero log2 weights.</summary>
    private static long[] RandomLog2Weights(Random rng, int k)
    {
        double spread = rng.Next(4) switch { 0 => 0.01, 1 => 3, 2 => 30, _ => 90 };
        var w = new long[k];
        for (int i = 0; i < k; i++)
        {
            w[i] = rng.Next(15) == 0
                ? WeightQuantizer.ZeroWeight
                : (long)((rng.NextDouble() - 0.7) * spread * (1L << 32)) + rng.Next(-3, 4);
        }
        if (k > 2 && rng.Next(3) == 0)
            w[rng.Next(k)] = w.Max(); // a tie for the arg-max
        if (w.All(v => v == WeightQuantizer.ZeroWeight))
            w[rng.Next(k)] = -5;
        return w;
    }

    private static void AssertSame(long e) => Assert.That(FixedExp2.Of(e), Is.EqualTo(ReferenceExp2(e)), $"2^({e} / 2^32)");

    private static void AssertSameFast(long e)
    {
        if (FixedExp2.Of(e) != ReferenceExp2(e))
            AssertSame(e);
    }

    // ---- the original implementation, verbatim in behaviour ----

    private static readonly ulong[] ReferenceRoots = BuildReferenceRoots();

    private static ulong ReferenceExp2(long exponentQ32)
    {
        long whole = exponentQ32 >> 32;
        if (whole < -33)
            return 0;
        uint frac = (uint)exponentQ32;
        ulong r = 1UL << 62;
        for (int j = 1; j <= 32; j++)
        {
            if ((frac & (1u << (32 - j))) != 0)
            {
                ulong hi = Math.BigMul(r, ReferenceRoots[j], out ulong lo);
                r = (hi << 2) | (lo >> 62);
            }
        }
        int shift = 62 - 32 - (int)whole;
        return shift >= 0 ? (shift >= 64 ? 0 : r >> shift) : r << -shift;
    }

    private static ulong[] BuildReferenceRoots()
    {
        var roots = new ulong[33];
        UInt128 v = (UInt128)2 << 124;
        for (int j = 1; j <= 32; j++)
        {
            roots[j] = (ulong)ReferenceISqrt(v);
            v = (UInt128)roots[j] << 62;
        }
        return roots;
    }

    private static UInt128 ReferenceISqrt(UInt128 n)
    {
        UInt128 result = 0;
        UInt128 bit = (UInt128)1 << ((127 - (int)UInt128.LeadingZeroCount(n)) & ~1);
        while (bit != 0)
        {
            if (n >= result + bit)
            {
                n -= result + bit;
                result = (result >> 1) + bit;
            }
            else
            {
                result >>= 1;
            }
            bit >>= 2;
        }
        return result;
    }

    private static ulong ReferenceLinear(long l, long max)
    {
        if (l == WeightQuantizer.ZeroWeight)
            return 0;
        long d = max - l;
        return d < 0 || d > 64L << 32 ? 0 : ReferenceExp2(-d);
    }

    private static void ReferenceFromLog2Weights(long[] w, int precision, uint[] freqs)
    {
        int k = w.Length;
        long max = w.Max();
        ulong total = 0;
        int argmax = 0;
        for (int i = 0; i < k; i++)
        {
            total += ReferenceLinear(w[i], max);
            if (w[i] == max && w[argmax] != max)
                argmax = i;
        }
        ulong spare = (1UL << precision) - (ulong)k, assigned = 0;
        for (int i = 0; i < k; i++)
        {
            ulong extra = (ulong)((UInt128)ReferenceLinear(w[i], max) * spare / total);
            freqs[i] = (uint)(extra + 1);
            assigned += extra + 1;
        }
        freqs[argmax] += (uint)((1UL << precision) - assigned);
    }

    private static bool ReferenceIsBelowHalf(long[] w)
    {
        long max = w.Max();
        UInt128 sum = 0, sumSq = 0;
        foreach (long l in w)
        {
            ulong v = ReferenceLinear(l, max);
            sum += v;
            sumSq += (UInt128)v * v;
        }
        return 2 * sum * sum < (UInt128)(ulong)w.Length * sumSq;
    }
}
