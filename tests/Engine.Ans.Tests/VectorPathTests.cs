// The AVX-512 static-table loops must write exactly what the scalar loops write: same heads, same
// tails, same popped symbols, for every precision and for lane counts that leave scalar remainders.
// (On CPUs without AVX-512 both runs take the scalar path and the test still checks determinism.)
using Engine.Ans;
using Engine.Ans.Quantization;

namespace Engine.Ans.Tests;

public class VectorPathTests
{
    [Test]
    public void VectorAndScalarLoopsAgree([Values(1, 2, 5, 8, 12, 15, 16, 17, 24, 31, 32)] int precision)
    {
        var rng = new Random(precision);
        foreach (int lanes in new[] { 8, 13, 64, 1029 })
        {
            int k = (int)Math.Min(1UL << precision, 256UL);
            if (precision == 32) k = Math.Max(k, 2);
            var p = Enumerable.Range(0, k).Select(_ => Math.Pow(rng.NextDouble(), 4) + 1e-12).ToArray();
            var f = new uint[k];
            CategoricalQuantizer.FromProbabilities(p, precision, f, QuantizeMode.Fast);
            var table = new CumulativeTable(f, precision);
            var vec = new RansLanes(lanes, 42);
            var sca = new RansLanes(lanes, 42) { VectorPaths = false };
            var sym = new int[lanes];
            var popped = new List<int[]>();
            for (int t = 0; t < 60; t++)
            {
                // Interleave bits-back pops (drawing initial words) with pushes.
                if (t % 3 == 0)
                {
                    var a = new int[lanes];
                    var b = new int[lanes];
                    vec.Pop(table, a);
                    sca.Pop(table, b);
                    Assert.That(a, Is.EqualTo(b));
                    popped.Add(a);
                }
                for (int i = 0; i < lanes; i++)
                    sym[i] = rng.Next(k);
                vec.Push(table, sym);
                sca.Push(table, sym);
            }
            Assert.That(vec.SnapshotHeads(), Is.EqualTo(sca.SnapshotHeads()), $"lanes {lanes}");
            Assert.That(vec.SnapshotTails(), Is.EqualTo(sca.SnapshotTails()), $"lanes {lanes}");
            for (int i = 0; i < lanes; i++)
                Assert.That(vec.WordsDrawn(i), Is.EqualTo(sca.WordsDrawn(i)));
        }
    }

    [Test]
    public void VectorPushReportsTheBadSymbol()
    {
        var table = new CumulativeTable([3, 5], 3);
        var lanes = new RansLanes(16, 1);
        var sym = new int[16];
        sym[11] = 2;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Push(table, sym));
        Assert.That(ex!.Message, Does.Contain("Lane 11"));
    }
}
