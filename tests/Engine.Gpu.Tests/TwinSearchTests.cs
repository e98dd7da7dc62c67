// TwinSearchTests: the coupled inverse CDF (a row per chain or per particle), systematic resampling and the
// multinomial resampler (a table pop over per-chain weight rows) give the same results on the CPU backend and
// the other backend, equal to a scalar reference (CdfRows.FindSymbol /
// CumulativeTable.FindSymbol on the coders' formulas), leave entries past B and of masked-out chains
// untouched, and reject malformed weight rows.
using Engine.Ans.Quantization;

namespace Engine.Gpu.Tests;

public sealed class TwinSearchTests(string backendName) : TwinFixture(backendName)
{
    private const int Chains = 29, Stride = 33, Sentinel = -5;

    [TestCase(1, 10, false)]
    [TestCase(6, 10, false)]
    [TestCase(13, 32, false)]
    [TestCase(6, 10, true)]
    [TestCase(13, 32, true)]
    public void CoupledInverseCdfMatchesTheScalarReference(int particles, int precision, bool rowPerParticle)
    {
        var rng = new Random(particles * 100 + precision);
        CdfRows q = TestData.RandomRows(rng, 9, 40, precision);
        int rowStride = rowPerParticle ? Stride : 0;
        int[] rows = Enumerable.Range(0, rowPerParticle ? (particles - 1) * Stride + Chains : Chains).Select(_ => rng.Next(q.Rows)).ToArray();
        uint[] u = Enumerable.Range(0, Chains).Select(_ => (uint)rng.NextInt64(1L << precision)).ToArray();
        var shifts = new uint[particles];
        CoupledPoints.EvenShifts(precision, shifts);
        var expectedZ = new int[(particles - 1) * Stride + Chains];
        Array.Fill(expectedZ, Sentinel);
        for (int i = 0; i < particles; i++)
        {
            for (int b = 0; b < Chains; b++)
            {
                uint point = CoupledPoints.Position(u[b], shifts[i], precision);
                expectedZ[i * Stride + b] = q.FindSymbol(rows[i * rowStride + b], point);
            }
        }
        foreach (IRansBackend backend in Both())
        {
            var z = new int[expectedZ.Length];
            Array.Fill(z, Sentinel);
            backend.CoupledInverseCdf(q.Table, rows, rowStride, u, shifts, Stride, z);
            Assert.That(z, Is.EqualTo(expectedZ), $"{backend.Name} latents");
        }
    }

    [Test]
    public void CoupledInverseCdfWithASharedRowAndDenseLayout()
    {
        var rng = new Random(3);
        CdfRows q = TestData.RandomRows(rng, 1, 256, 12);
        uint[] u = Enumerable.Range(0, Chains).Select(_ => (uint)rng.Next(1 << 12)).ToArray();
        var shifts = new uint[17];
        CoupledPoints.EvenShifts(12, shifts);
        var a = new int[Chains * 17];
        var b = new int[Chains * 17];
        Cpu.CoupledInverseCdf(q.Table, default, 0, u, shifts, Chains, a);
        Other.CoupledInverseCdf(q.Table, default, 0, u, shifts, Chains, b);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(a[5], Is.EqualTo(q.FindSymbol(0, u[5])), "slot 0 is the identity op");
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(40)]
    public void SystematicResamplingMatchesTheReference(int particles)
    {
        const int p = 16;
        var rng = new Random(particles);
        (uint[] cdf, byte[] mask) = WeightRows(rng, particles, p);
        uint[] v = Enumerable.Range(0, Chains).Select(_ => (uint)rng.Next(1 << p)).ToArray();
        var shifts = new uint[particles];
        CoupledPoints.EvenShifts(p, shifts);
        var expected = new int[(particles - 1) * Stride + Chains];
        Array.Fill(expected, Sentinel);
        for (int b = 0; b < Chains; b++)
        {
            if (mask[b] == 0)
                continue;
            for (int i = 0; i < particles; i++)
                expected[i * Stride + b] = CumulativeTable.FindSymbol(cdf.AsSpan(b * (particles + 1), particles + 1),
                    CoupledPoints.Position(v[b], shifts[i], p));
        }
        foreach (IRansBackend backend in Both())
        {
            var anc = new int[expected.Length];
            Array.Fill(anc, Sentinel);
            backend.ResampleSystematic(cdf, particles, p, v, shifts, Stride, anc, mask);
            Assert.That(anc, Is.EqualTo(expected), backend.Name);
        }
    }

    [TestCase(1, 8)]
    [TestCase(9, 16)]
    [TestCase(64, 31)]
    public void MultinomialResamplingIsATablePopOverTheWeightRows(int particles, int p)
    {
        var rng = new Random(particles + p);
        (uint[] cdf, byte[] mask) = WeightRows(rng, particles, p); // masked-out chains' rows are garbage: never read
        int[] laneRows = Enumerable.Range(0, Chains).ToArray();
        (Engine.Ans.RansLanes a, Engine.Ans.RansLanes b) = TestData.Pair(Chains, 71, 3, 9);
        var expected = new int[Chains];
        for (int round = 0; round < 6; round++)
        {
            var cf = new uint[Chains];
            a.PeekCf(0, p, cf);
            Array.Fill(expected, Sentinel);
            for (int c = 0; c < Chains; c++)
                if (mask[c] != 0)
                    expected[c] = CumulativeTable.FindSymbol(cdf.AsSpan(c * (particles + 1), particles + 1), cf[c]);
            var ancA = Enumerable.Repeat(Sentinel, Chains).ToArray();
            var ancB = Enumerable.Repeat(Sentinel, Chains).ToArray();
            Cpu.PopSymbols(a, 0, new CdfTable(cdf, Chains, particles, p), laneRows, ancA, mask);
            Other.PopSymbols(b, 0, new CdfTable(cdf, Chains, particles, p), laneRows, ancB, mask);
            Assert.That(ancA, Is.EqualTo(expected), "cpu");
            Assert.That(ancB, Is.EqualTo(expected), Other.Name);
        }
        TestData.AssertSame(a, b);
    }

    [Test]
    public void MalformedWeightRowsAndOutOfRangeInputsThrowOnBoth()
    {
        uint[] good = [0, 3, 8], zeroFreq = [0, 0, 8], wrongTotal = [0, 3, 7];
        uint[] shifts = [0, 4];
        foreach (IRansBackend backend in Both())
        {
            var anc = new int[2];
            Assert.DoesNotThrow(() => backend.ResampleSystematic(good, 2, 3, [5], shifts, 1, anc));
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleSystematic(zeroFreq, 2, 3, [5], shifts, 1, anc), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleSystematic(wrongTotal, 2, 3, [5], shifts, 1, anc), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleSystematic(good, 2, 3, [8], shifts, 1, anc), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleSystematic(good, 2, 3, [5], shifts, 1, new int[1]), backend.Name);
            Assert.DoesNotThrow(() => backend.ResampleSystematic(zeroFreq, 2, 3, [5], shifts, 1, anc, [0]), $"{backend.Name}: masked rows are not read");
            CdfRows q = CdfRows.FromTable(new CumulativeTable([3, 5], 3));
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.CoupledInverseCdf(q.Table, default, 0, [8], [0], 1, new int[1]), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.CoupledInverseCdf(q.Table, default, 0, [1, 2], [0, 4], 1, new int[4]), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.CoupledInverseCdf(q.Table, [0, 1], 0, [1, 2], [0, 4], 2, new int[4]), $"{backend.Name}: row 1 of 1");
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.CoupledInverseCdf(q.Table, [0, 0, 0], 2, [1, 2], [0, 4], 2, new int[4]), $"{backend.Name}: rows too short for the slot stride");
        }
    }

    /// <summary>Random weight CDF rows per chain (every third chain masked out and left as garbage).</summary>
    private static (uint[] Cdf, byte[] Mask) WeightRows(Random rng, int particles, int p)
    {
        var cdf = new uint[Chains * (particles + 1)];
        var mask = new byte[Chains];
        for (int b = 0; b < Chains; b++)
        {
            mask[b] = (byte)(b % 3 == 2 ? 0 : 1);
            Span<uint> row = cdf.AsSpan(b * (particles + 1), particles + 1);
            if (mask[b] == 0)
            {
                row.Fill(12345);
                continue;
            }
            CumulativeTable.BuildCdf(TestData.RandomFreqs(rng, particles, p), p, row);
        }
        return (cdf, mask);
    }
}
