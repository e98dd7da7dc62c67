// TwinSearchTests: the coupled inverse CDF and both resamplers give the same slot-major results on the
// CPU backend and the other backend, equal to a scalar reference (CdfRows.FindSymbol /
// CumulativeTable.FindSymbol on the coders' formulas), leave entries past B and of masked-out chains
// untouched, and reject malformed weight rows.
using Engine.Ans.Quantization;

namespace Engine.Gpu.Tests;

public sealed class TwinSearchTests(string backendName) : TwinFixture(backendName)
{
    private const int Chains = 29, Stride = 33, Sentinel = -5;

    [TestCase(1, 10)]
    [TestCase(6, 10)]
    [TestCase(13, 32)]
    public void CoupledInverseCdfMatchesTheScalarReference(int particles, int precision)
    {
        var rng = new Random(particles * 100 + precision);
        CdfRows q = TestData.RandomRows(rng, 9, 40, precision);
        int[] rows = Enumerable.Range(0, Chains).Select(_ => rng.Next(q.Rows)).ToArray();
        uint[] u = Enumerable.Range(0, Chains).Select(_ => (uint)rng.NextInt64(1L << precision)).ToArray();
        var shifts = new uint[particles];
        CoupledPoints.EvenShifts(precision, shifts);
        var expectedZ = new int[(particles - 1) * Stride + Chains];
        var expectedR = new uint[expectedZ.Length];
        Array.Fill(expectedZ, Sentinel);
        Array.Fill(expectedR, 77u);
        for (int i = 0; i < particles; i++)
        {
            for (int b = 0; b < Chains; b++)
            {
                uint point = CoupledPoints.Position(u[b], shifts[i], precision);
                int z = q.FindSymbol(rows[b], point);
                expectedZ[i * Stride + b] = z;
                expectedR[i * Stride + b] = point - q.Start(rows[b], z);
            }
        }
        foreach (IRansBackend backend in Both())
        {
            var z = new int[expectedZ.Length];
            var r = new uint[expectedZ.Length];
            Array.Fill(z, Sentinel);
            Array.Fill(r, 77u);
            backend.CoupledInverseCdf(q, rows, u, shifts, Stride, z, r);
            Assert.That(z, Is.EqualTo(expectedZ), $"{backend.Name} latents");
            Assert.That(r, Is.EqualTo(expectedR), $"{backend.Name} residuals");
            var zOnly = new int[expectedZ.Length];
            Array.Fill(zOnly, Sentinel);
            backend.CoupledInverseCdf(q, rows, u, shifts, Stride, zOnly);
            Assert.That(zOnly, Is.EqualTo(expectedZ), $"{backend.Name} latents without residuals");
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
        Cpu.CoupledInverseCdf(q, default, u, shifts, Chains, a);
        Other.CoupledInverseCdf(q, default, u, shifts, Chains, b);
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
    [TestCase(64, 32)]
    public void MultinomialResamplingMatchesTheReference(int particles, int p)
    {
        var rng = new Random(particles + p);
        (uint[] cdf, byte[] mask) = WeightRows(rng, particles, p);
        var draws = new uint[(particles - 1) * Stride + Chains];
        for (int j = 0; j < draws.Length; j++)
            draws[j] = (uint)rng.NextInt64(1L << p);
        for (int b = 0; b < Chains; b++)
        {
            if (mask[b] == 0)
                draws[b] = uint.MaxValue; // never read: the chain is masked out
        }
        var expected = new int[draws.Length];
        Array.Fill(expected, Sentinel);
        for (int b = 0; b < Chains; b++)
        {
            if (mask[b] == 0)
                continue;
            for (int i = 0; i < particles; i++)
                expected[i * Stride + b] = CumulativeTable.FindSymbol(cdf.AsSpan(b * (particles + 1), particles + 1), draws[i * Stride + b]);
        }
        foreach (IRansBackend backend in Both())
        {
            var anc = new int[expected.Length];
            Array.Fill(anc, Sentinel);
            backend.ResampleMultinomial(cdf, particles, p, draws, Stride, anc, mask);
            Assert.That(anc, Is.EqualTo(expected), backend.Name);
        }
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
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleMultinomial(wrongTotal, 2, 3, [1, 2], 1, anc), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleMultinomial(good, 2, 3, [1, 8], 1, anc), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleSystematic(good, 2, 3, [8], shifts, 1, anc), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.ResampleSystematic(good, 2, 3, [5], shifts, 1, new int[1]), backend.Name);
            Assert.DoesNotThrow(() => backend.ResampleSystematic(zeroFreq, 2, 3, [5], shifts, 1, anc, [0]), $"{backend.Name}: masked rows are not read");
            CdfRows q = CdfRows.FromTable(new CumulativeTable([3, 5], 3));
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.CoupledInverseCdf(q, default, [8], [0], 1, new int[1]), backend.Name);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => backend.CoupledInverseCdf(q, default, [1, 2], [0, 4], 1, new int[4]), backend.Name);
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
