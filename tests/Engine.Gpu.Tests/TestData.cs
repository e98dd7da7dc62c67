// TestData: seeded random inputs for the backend tests: frequency rows summing to 2^p (every freq >= 1,
// some heavily skewed so heads emit and refill often), lane pairs with identical histories, and exact
// comparison of two lane sets (heads, tails, initial words drawn).
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Tests;

internal static class TestData
{
    /// <summary>K frequencies >= 1 summing to exactly 2^precision, skewed at random.</summary>
    public static uint[] RandomFreqs(Random rng, int k, int precision)
    {
        ulong total = 1UL << precision;
        if ((ulong)k > total)
            throw new ArgumentOutOfRangeException(nameof(k));
        var w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            w[i] = rng.NextDouble() < 0.2 ? rng.NextDouble() * 50 : rng.NextDouble() + 1e-3;
            sum += w[i];
        }
        var f = new uint[k];
        ulong spare = total - (ulong)k, used = 0;
        for (int i = 0; i < k; i++)
        {
            ulong extra = (ulong)Math.Floor(w[i] / sum * spare);
            extra = Math.Min(extra, spare - used);
            f[i] = (uint)(1 + extra);
            used += extra;
        }
        int j = rng.Next(k);
        f[j] += (uint)(spare - used);
        return f;
    }

    public static CdfRows RandomRows(Random rng, int rows, int width, int precision)
    {
        var freqs = new uint[rows * width];
        for (int r = 0; r < rows; r++)
            RandomFreqs(rng, width, precision).CopyTo(freqs, r * width);
        return CdfRows.FromFrequencies(freqs, rows, width, precision);
    }

    /// <summary>Per-lane flat CDF rows (K + 1 entries each) for <paramref name="lanes"/> lanes.</summary>
    public static uint[] RandomFlatRows(Random rng, int lanes, int width, int precision)
    {
        var rows = new uint[lanes * (width + 1)];
        for (int i = 0; i < lanes; i++)
            CumulativeTable.BuildCdf(RandomFreqs(rng, width, precision), precision, rows.AsSpan(i * (width + 1), width + 1));
        return rows;
    }

    /// <summary>
    /// Two encoder-mode lane sets with the same seed and the same random history of <paramref name="warmup"/>
    /// pushes (so tails are non-empty), built with RansLanes directly.
    /// </summary>
    public static (RansLanes A, RansLanes B) Pair(int count, ulong seed, int warmup, int historySeed)
        => (WithHistory(count, seed, warmup, historySeed), WithHistory(count, seed, warmup, historySeed));

    public static RansLanes WithHistory(int count, ulong seed, int warmup, int historySeed)
    {
        var lanes = new RansLanes(count, seed);
        var rng = new Random(historySeed);
        var s = new uint[count];
        var f = new uint[count];
        for (int round = 0; round < warmup; round++)
        {
            int p = rng.Next(1, 33);
            RandomIntervals(rng, p, s, f);
            lanes.Push(s, f, p);
        }
        return lanes;
    }

    /// <summary>Random valid intervals at precision p (mostly small freqs so pushes emit words).</summary>
    public static void RandomIntervals(Random rng, int precision, Span<uint> starts, Span<uint> freqs)
    {
        ulong total = 1UL << precision;
        for (int i = 0; i < starts.Length; i++)
        {
            ulong f = rng.NextDouble() < 0.5
                ? 1 + (ulong)rng.NextInt64(Math.Min((long)total, 16))
                : 1 + (ulong)rng.NextInt64((long)total - 1 >= 1 ? (long)total - 1 : 1);
            f = Math.Min(f, total - 1 == 0 ? 1 : total - 1);
            ulong s = (ulong)rng.NextInt64((long)(total - f + 1));
            starts[i] = (uint)s;
            freqs[i] = (uint)f;
        }
    }

    /// <summary>A decoder-mode copy of <paramref name="lanes"/> (its heads and tails as a message would carry them).</summary>
    public static RansLanes AsDecoder(RansLanes lanes) => RansLanes.FromState(lanes.Seed, lanes.SnapshotHeads(), lanes.SnapshotTails());

    public static void AssertSame(RansLanes expected, RansLanes actual)
    {
        Assert.That(actual.Count, Is.EqualTo(expected.Count));
        Assert.That(actual.Heads.ToArray(), Is.EqualTo(expected.Heads.ToArray()), "heads");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(actual.Tail(i).ToArray(), Is.EqualTo(expected.Tail(i).ToArray()), $"tail of lane {i}");
            Assert.That(actual.WordsDrawn(i), Is.EqualTo(expected.WordsDrawn(i)), $"initial words drawn by lane {i}");
        }
    }
}
