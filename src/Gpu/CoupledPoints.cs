// CoupledPoints: the canonical integer maps behind the coupled coders and systematic resampling, so the
// systems and every backend (host loops and ILGPU kernels alike) place points identically.
//
//   coupled position  op_k(u) = (u + shift_k) mod 2^r        (DESIGN §1, BB-CIS: op_0 = identity when shift_0 = 0)
//   even shifts       shift_k = k * floor(2^r / N)            (the usual choice; callers may pass any shifts)
//   systematic point  t_i = floor((v + i 2^p) / N), v in [0, 2^p)   (integer form of (U + i)/N on a 2^p grid)
//
// The systematic points are non-decreasing in i, lie in [0, 2^p), and consecutive ones differ by
// floor or ceil of 2^p / N, so slot s receives about N f_s / 2^p of them, as systematic resampling should.
using Engine.Ans;

namespace Engine.Gpu;

/// <summary>Integer maps for coupled particles (shifted uniforms) and systematic resampling points.</summary>
public static class CoupledPoints
{
    /// <summary>op(u) = (u + shift) mod 2^<paramref name="precision"/> for u already below 2^precision.</summary>
    public static uint Position(uint u, uint shift, int precision)
        => (u + shift) & Mask(precision);

    /// <summary>The mask 2^<paramref name="precision"/> - 1 as a uint (precision 1..32).</summary>
    public static uint Mask(int precision)
    {
        RansStep.CheckPrecision(precision);
        return (uint)((1UL << precision) - 1);
    }

    /// <summary>Fills shifts[k] = k floor(2^r / N) for N = shifts.Length particles at precision r.</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is 0 or larger than 2^r.</exception>
    public static void EvenShifts(int precision, Span<uint> shifts)
    {
        RansStep.CheckPrecision(precision);
        int n = shifts.Length;
        if (n < 1 || (ulong)n > 1UL << precision)
            throw new ArgumentOutOfRangeException(nameof(shifts), n, $"Need 1..2^{precision} particles.");
        ulong step = (1UL << precision) / (ulong)n;
        for (int k = 0; k < n; k++)
            shifts[k] = (uint)((ulong)k * step);
    }

    /// <summary>
    /// The i-th of N systematic points for offset <paramref name="v"/> in [0, 2^<paramref name="precision"/>):
    /// floor((v + i 2^precision) / N).
    /// </summary>
    public static uint Systematic(uint v, int index, int particles, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (particles < 1 || (uint)index >= (uint)particles)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in [0, {particles}).");
        if (v > (1UL << precision) - 1)
            throw new ArgumentOutOfRangeException(nameof(v), v, $"The offset must be below 2^{precision}.");
        return SystematicUnchecked(v, index, particles, precision);
    }

    /// <summary><see cref="Systematic"/> without argument checks (inner loops and kernels).</summary>
    internal static uint SystematicUnchecked(uint v, int index, int particles, int precision)
        => (uint)(((ulong)v + ((ulong)(uint)index << precision)) / (ulong)(uint)particles);
}
