// ArithmeticTests: the kernels' copies of the exact-uniform arithmetic equal Engine.Ans.ExactUniform for
// awkward n (2, 3, powers of two, near 2^32), and CoupledPoints matches the coders' shift formula.
using Engine.Ans;
using Engine.Gpu.Ilgpu;

namespace Engine.Gpu.Tests;

public sealed class ArithmeticTests
{
    [Test]
    public void KernelUniformArithmeticEqualsExactUniform()
    {
        var rng = new Random(1);
        uint[] ns = [2, 3, 5, 7, 1000, 1u << 16, (1u << 31) - 1, 1u << 31, (1u << 31) + 1, uint.MaxValue - 1, uint.MaxValue];
        foreach (uint n in ns.Concat(Enumerable.Range(0, 50).Select(_ => (uint)rng.NextInt64(2, uint.MaxValue))))
        {
            for (int trial = 0; trial < 40; trial++)
            {
                uint v = trial < 2 ? (trial == 0 ? 0 : n - 1) : (uint)rng.NextInt64(n);
                RansKernels.UniformInterval(v, n, out uint s, out uint f);
                Assert.That((s, f), Is.EqualTo(ExactUniform.Interval(v, n)), $"interval of {v} / {n}");
                uint cf = trial < 2 ? (trial == 0 ? 0 : uint.MaxValue) : (uint)rng.NextInt64(1L << 32);
                Assert.That(RansKernels.UniformValue(cf, n), Is.EqualTo(ExactUniform.Value(cf, n)), $"value of cf {cf} / {n}");
            }
        }
    }

    [Test]
    public void ShiftsAreTheCodersFloorFormulaAndDistinct()
    {
        foreach ((int n, int r) in new[] { (1, 10), (3, 10), (7, 4), (16, 16), (1000, 12), (5, 32) })
        {
            var shifts = new uint[n];
            CoupledPoints.EvenShifts(r, shifts);
            Assert.That(shifts[0], Is.Zero, "op_0 is the identity");
            for (int i = 0; i < n; i++)
                Assert.That(shifts[i], Is.EqualTo((uint)(((ulong)i << r) / (ulong)n)), $"shift {i} of {n} at r = {r}");
            Assert.That(shifts.Distinct().Count(), Is.EqualTo(n));
        }
        Assert.That(CoupledPoints.Position(uint.MaxValue, 5, 32), Is.EqualTo(4u), "wraps mod 2^32");
        Assert.That(CoupledPoints.Position(1000, 30, 10), Is.EqualTo(6u), "wraps mod 2^10");
        Assert.Throws<ArgumentOutOfRangeException>(() => CoupledPoints.Shift(0, 5, 2), "more particles than values");
        Assert.Throws<ArgumentOutOfRangeException>(() => CoupledPoints.Shift(3, 3, 8));
    }
}
