// HeadWhitening: Unmix undoes Mix on every 24-bit word, the bits above the low 24 and the head invariant are untouched, and
// the mix spreads the cfs of a narrow run of low words over the whole range.
using Engine.Ans;

namespace Engine.Ans.Tests;

public class HeadWhiteningTests
{
    [Test]
    public void UnmixUndoesMixOnEveryWord()
    {
        for (uint x = 0; x < 1u << HeadWhitening.Bits; x++)
            if (HeadWhitening.Unmix(HeadWhitening.Mix(x)) != x || HeadWhitening.Mix(x) >= 1u << HeadWhitening.Bits)
                Assert.Fail($"word {x}");
        var rng = new Random(1);
        var heads = Enumerable.Range(0, 1000).Select(_ => (ulong)rng.NextInt64(1L << 32, long.MaxValue)).ToArray();
        ulong[] mixed = (ulong[])heads.Clone();
        HeadWhitening.Mix(mixed);
        Assert.That(mixed.Select(h => h >> HeadWhitening.Bits), Is.EqualTo(heads.Select(h => h >> HeadWhitening.Bits)));
        Assert.That(mixed, Is.Not.EqualTo(heads));
        HeadWhitening.Unmix(mixed);
        Assert.That(mixed, Is.EqualTo(heads));
    }

    [Test]
    public void NarrowRunsOfLowWordsSpreadOverTheWholeRange()
    {
        // The 4096 words of one narrow interval (what a push leaves) land in every sixteenth of [0, 2^24) after mixing.
        var counts = new int[16];
        for (uint x = 1000; x < 1000 + 4096; x++) counts[HeadWhitening.Mix(x) >> 20]++;
        Assert.That(counts.Min(), Is.GreaterThan(4096 / 16 / 2));
    }
}
