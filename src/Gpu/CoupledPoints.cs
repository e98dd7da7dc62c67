// CoupledPoints: the canonical integer maps behind the coupled coders and systematic resampling, the
// same ones Engine.Systems uses (CoderContext.Shift, CoupledInverseCdfSystem, SystematicResampleSystem),
// so the systems and every backend (host loops and ILGPU kernels alike) place points identically:
//
//   shift of slot i     s_i = floor(i 2^r / N)            (distinct for N <= 2^r; s_0 = 0)
//   coupled position    op_i(u) = (u + s_i) mod 2^r        (a bijection of [0, 2^r) for each i; op_0 = identity)
//
// BB-CIS uses it with r = the proposal precision and u the popped uniform; BB-CSMC's systematic
// resampling uses the same map with r = the weight precision p and v in place of u. Backends take the
// shifts as an argument, so a coder may pass any other bijective shifts.
using Engine.Ans;

namespace Engine.Gpu;

/// <summary>Integer maps for coupled particles and systematic resampling points (shifted uniforms).</summary>
public static class CoupledPoints
{
    /// <summary>op(u) = (u + shift) mod 2^<paramref name="precision"/>.</summary>
    public static uint Position(uint u, uint shift, int precision) => (u + shift) & Mask(precision);

    /// <summary>The mask 2^<paramref name="precision"/> - 1 as a uint (precision 1..32).</summary>
    public static uint Mask(int precision)
    {
        RansStep.CheckPrecision(precision);
        return (uint)((1UL << precision) - 1);
    }

    /// <summary>floor(slot 2^precision / particles): the shift of slot <paramref name="slot"/> of N.</summary>
    public static uint Shift(int slot, int particles, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (particles < 1 || (ulong)particles > 1UL << precision)
            throw new ArgumentOutOfRangeException(nameof(particles), particles, $"Need 1..2^{precision} particles.");
        if ((uint)slot >= (uint)particles)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Slot must be in [0, {particles}).");
        return (uint)(((ulong)(uint)slot << precision) / (ulong)(uint)particles);
    }

    /// <summary>Fills shifts[i] = <see cref="Shift"/>(i, N, precision) for N = shifts.Length.</summary>
    public static void EvenShifts(int precision, Span<uint> shifts)
    {
        for (int i = 0; i < shifts.Length; i++)
            shifts[i] = Shift(i, shifts.Length, precision);
    }
}
