// CpuBackendTests: the CPU backend on batches large enough to split across workers equals RansLanes'
// own sequential calls (so the parallel split changes nothing), its AVX2 batch search equals the scalar
// CumulativeTable search, and an error in a later range still surfaces unwrapped.
using Engine.Ans;
using Engine.Ans.Quantization;
using Engine.Gpu.Cpu;

namespace Engine.Gpu.Tests;

public sealed class CpuBackendTests
{
    private const int Big = 3 * CpuBackend.MinLanesPerTask + 123;

    [Test]
    public void ParallelLaneCallsEqualSequentialRansLanes()
    {
        using var backend = new CpuBackend(maxDegreeOfParallelism: 4);
        (RansLanes a, RansLanes b) = TestData.Pair(Big, 3, 2, 4);
        var rng = new Random(5);
        var s = new uint[Big];
        var f = new uint[Big];
        var n = new uint[Big];
        var v = new uint[Big];
        var cf = new uint[Big];
        var mask = new byte[Big];
        for (int i = 0; i < Big; i++)
            mask[i] = (byte)(rng.Next(5) == 0 ? 0 : 1);
        for (int round = 0; round < 6; round++)
        {
            TestData.RandomIntervals(rng, 20, s, f);
            a.Push(0, s, f, 20);
            backend.Push(b, 0, s, f, 20);
            for (int i = 0; i < Big; i++)
            {
                n[i] = (uint)rng.Next(1, 1000);
                v[i] = (uint)rng.Next((int)n[i]);
            }
            a.PushUniform(0, v, n);
            backend.PushUniform(b, 0, v, n);
        }
        TestData.AssertSame(a, b);
        var table = new CumulativeTable(TestData.RandomFreqs(rng, 50, 14), 14);
        for (int round = 0; round < 6; round++)
        {
            backend.PeekCf(b, 0, 14, cf);
            a.PeekCf(0, 14, s);
            Assert.That(cf, Is.EqualTo(s), "vector PeekCf equals RansLanes.PeekCf");
            for (int i = 0; i < Big; i++)
            {
                int sym = table.FindSymbol(cf[i]);
                s[i] = table.Start(sym);
                f[i] = table.Frequency(sym);
            }
            for (int i = 0; i < Big; i++)
            {
                if (mask[i] != 0)
                    a.Commit(i, s.AsSpan(i, 1), f.AsSpan(i, 1), 14);
            }
            backend.Commit(b, 0, s, f, 14, mask);
        }
        TestData.AssertSame(a, b);
    }

    [Test]
    public void ParallelTablePopsEqualSequentialOnes()
    {
        using var backend = new CpuBackend(maxDegreeOfParallelism: 3);
        var rng = new Random(6);
        CdfRows rows = TestData.RandomRows(rng, 6, 33, 20);
        int[] rowOf = Enumerable.Range(0, Big).Select(_ => rng.Next(6)).ToArray();
        (RansLanes a, RansLanes b) = (new RansLanes(Big, 8), new RansLanes(Big, 8));
        var expected = new int[Big];
        var actual = new int[Big];
        var cf = new uint[Big];
        var s = new uint[Big];
        var f = new uint[Big];
        for (int round = 0; round < 4; round++)
        {
            a.PeekCf(0, 20, cf);
            for (int i = 0; i < Big; i++)
            {
                expected[i] = rows.FindSymbol(rowOf[i], cf[i]);
                s[i] = rows.Start(rowOf[i], expected[i]);
                f[i] = rows.Frequency(rowOf[i], expected[i]);
            }
            a.Commit(0, s, f, 20);
            backend.PopSymbols(b, 0, rows.Table, rowOf, actual);
            Assert.That(actual, Is.EqualTo(expected));
        }
        TestData.AssertSame(a, b);
    }

    [TestCase(1, 12)]
    [TestCase(2, 1)]
    [TestCase(9, 32)]
    [TestCase(300, 16)]
    public void BatchSearchEqualsScalarSearch(int k, int precision)
    {
        var rng = new Random(k);
        const int rowsCount = 5, count = 203;
        CdfRows rows = TestData.RandomRows(rng, rowsCount, k, precision);
        int[] bases = Enumerable.Range(0, count).Select(_ => rng.Next(rowsCount) * rows.Stride).ToArray();
        uint[] points = Enumerable.Range(0, count).Select(_ => (uint)rng.NextInt64(1L << precision)).ToArray();
        var symbols = new int[count];
        var offsets = new uint[count];
        unsafe
        {
            fixed (uint* cdf = rows.Cdf)
            fixed (uint* o = offsets)
                VectorSearch.FindBatch(cdf, rows.Stride, bases, points, symbols, o);
        }
        for (int j = 0; j < count; j++)
        {
            int row = bases[j] / rows.Stride;
            Assert.That(symbols[j], Is.EqualTo(rows.FindSymbol(row, points[j])), $"point {j}");
            Assert.That(offsets[j], Is.EqualTo(points[j] - rows.Start(row, symbols[j])), $"offset {j}");
        }
    }

    [Test]
    public void ErrorsInLaterRangesSurfaceUnwrapped()
    {
        using var backend = new CpuBackend(maxDegreeOfParallelism: 4);
        var lanes = new RansLanes(Big, 9);
        var s = new uint[Big];
        var f = Enumerable.Repeat(1u, Big).ToArray();
        f[Big - 5] = 0;
        var e = Assert.Throws<ArgumentException>(() => backend.Push(lanes, 0, s, f, 8));
        Assert.That(e!.Message, Does.Contain($"Lane {Big - 5}"));
    }

    [Test]
    public void SingleThreadedBackendGivesTheSameCoupledResults()
    {
        var rng = new Random(10);
        CdfRows q = TestData.RandomRows(rng, 4, 64, 12);
        const int chains = 2000, particles = 24;
        int[] rowOf = Enumerable.Range(0, chains).Select(_ => rng.Next(4)).ToArray();
        uint[] u = Enumerable.Range(0, chains).Select(_ => (uint)rng.Next(1 << 12)).ToArray();
        var shifts = new uint[particles];
        CoupledPoints.EvenShifts(12, shifts);
        var a = new int[chains * particles];
        var b = new int[chains * particles];
        using (var one = new CpuBackend(1))
            one.CoupledInverseCdf(q.Table, rowOf, 0, u, shifts, chains, a);
        using (var many = new CpuBackend(4))
            many.CoupledInverseCdf(q.Table, rowOf, 0, u, shifts, chains, b);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a[7 * chains + 11], Is.EqualTo(q.FindSymbol(rowOf[11], CoupledPoints.Position(u[11], shifts[7], 12))));
    }
}
