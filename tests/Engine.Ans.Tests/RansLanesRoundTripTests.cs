// Round trips of RansLanes: random interval pushes then two-phase pops must give back every symbol and
// leave every lane exactly at its seeded initial state; decoder-mode lanes rebuilt from the snapshot
// must decode the same symbols and end at the initial state.
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class RansLanesRoundTripTests
{
    [TestCase(1, 1, 1UL)]
    [TestCase(7, 8, 2UL)]
    [TestCase(64, 16, 3UL)]
    [TestCase(33, 32, 4UL)]
    [TestCase(5, 24, 5UL)]
    public void PushThenTwoPhasePopRestoresSymbolsAndInitialState(int lanes, int precision, ulong seed)
    {
        var rng = new Random((int)seed);
        const int steps = 300;
        var starts = new uint[steps][];
        var freqs = new uint[steps][];
        var coder = new RansLanes(lanes, seed);
        for (int t = 0; t < steps; t++)
        {
            starts[t] = new uint[lanes];
            freqs[t] = new uint[lanes];
            for (int i = 0; i < lanes; i++)
                (starts[t][i], freqs[t][i]) = RandomInterval(rng, precision);
            coder.Push(starts[t], freqs[t], precision);
        }
        var cf = new uint[lanes];
        for (int t = steps - 1; t >= 0; t--)
        {
            coder.PeekCf(precision, cf);
            for (int i = 0; i < lanes; i++)
            {
                Assert.That(cf[i], Is.GreaterThanOrEqualTo(starts[t][i]));
                Assert.That(cf[i] - starts[t][i], Is.LessThan(freqs[t][i]));
            }
            coder.Commit(starts[t], freqs[t], precision);
        }
        for (int i = 0; i < lanes; i++)
            Assert.That(coder.IsAtInitialState(i), Is.True, $"lane {i}");
    }

    [Test]
    public void BitsBackPopsDrawInitialWordsAndDecoderRestoresThem()
    {
        const int lanes = 9, precision = 12, steps = 400;
        var rng = new Random(11);
        var table = RandomTable(rng, 40, precision);
        var enc = new RansLanes(lanes, 99);
        var popped = new int[steps][];
        var pushed = new int[steps][];
        // Encoder: pop a latent (bits back) then push a data symbol, as BB-ANS does.
        for (int t = 0; t < steps; t++)
        {
            popped[t] = new int[lanes];
            enc.Pop(table, popped[t]);
            pushed[t] = new int[lanes];
            for (int i = 0; i < lanes; i++)
                pushed[t][i] = rng.Next(table.Count);
            // The first steps only pop, so every lane drains its initial head and draws seeded words.
            if (t >= 40)
                enc.Push(table, pushed[t]);
        }
        Assert.That(Enumerable.Range(0, lanes).Sum(i => enc.WordsDrawn(i)), Is.GreaterThan(0));
        var dec = RansLanes.FromState(99, enc.SnapshotHeads(), enc.SnapshotTails());
        var got = new int[lanes];
        for (int t = steps - 1; t >= 0; t--)
        {
            if (t >= 40)
            {
                dec.Pop(table, got);
                Assert.That(got, Is.EqualTo(pushed[t]));
            }
            dec.Push(table, popped[t]);
        }
        Assert.That(dec.AllAtInitialState(), Is.True);
    }

    [Test]
    public void DecoderPopPastTheTailThrowsMessageCorrupt()
    {
        var dec = RansLanes.FromState(1, [1UL << 32], [[]]);
        Assert.Throws<MessageCorruptException>(() => dec.Commit([0u], [1u], 32));
    }

    [Test]
    public void InvalidIntervalsThrowArgumentException()
    {
        var lanes = new RansLanes(2, 0);
        Assert.Throws<ArgumentException>(() => lanes.Push([0u, 0u], [0u, 1u], 8));
        Assert.Throws<ArgumentException>(() => lanes.Push([0u, 250u], [1u, 7u], 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Push([0u, 0u], [1u, 1u], 33));
        Assert.Throws<ArgumentException>(() => lanes.Push([0u], [1u], 8));
    }

    internal static (uint Start, uint Freq) RandomInterval(Random rng, int precision)
    {
        ulong total = 1UL << precision;
        ulong a = (ulong)rng.NextInt64((long)total);
        ulong b = (ulong)rng.NextInt64((long)total);
        (ulong lo, ulong hi) = a < b ? (a, b) : (b, a);
        return ((uint)lo, (uint)(hi - lo + 1 > total - lo ? total - lo : hi - lo + 1));
    }

    internal static CumulativeTable RandomTable(Random rng, int k, int precision)
    {
        var p = new double[k];
        for (int i = 0; i < k; i++)
            p[i] = rng.NextDouble() * rng.NextDouble();
        var f = new uint[k];
        CategoricalQuantizer.FromProbabilities(p, precision, f, QuantizeMode.Fast);
        return new CumulativeTable(f, precision);
    }
}
