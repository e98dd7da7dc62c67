// CpuBackend.Searches: the coupled inverse CDF and systematic / multinomial resampling, as SlotSearchWork
// passes over contiguous chain ranges (split across cores once a range holds enough searches).
using Engine.Ans;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public unsafe void CoupledInverseCdf(CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts,
        int slotStride, Span<int> latents, Span<uint> residuals = default)
    {
        (int chains, int particles) = BackendChecks.Coupled(table, rows, u, shifts, slotStride, latents.Length, residuals.Length);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (uint* uu = u)
        fixed (uint* sh = shifts)
        fixed (int* z = latents)
        fixed (uint* res = residuals)
        {
            var work = new SlotSearchWork
            {
                Cdf = cdf, Stride = table.Stride, RowOf = r, Values = uu, Shifts = sh, PointMask = CoupledPoints.Mask(table.Precision),
                Particles = particles, SlotStride = slotStride, Symbols = z, Offsets = res,
            };
            Run(work, chains, Math.Max(1, MinSearchesPerTask / particles));
        }
    }

    /// <inheritdoc />
    public unsafe void ResampleMultinomial(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> draws,
        int slotStride, Span<int> ancestors, ReadOnlySpan<byte> mask = default)
    {
        int chains = BackendChecks.WeightRows(weightCdfRows, particles, precision, mask);
        BackendChecks.SlotArray(draws.Length, chains, particles, slotStride, nameof(draws));
        BackendChecks.SlotArray(ancestors.Length, chains, particles, slotStride, nameof(ancestors));
        BackendChecks.SlotValuesBelow(draws, chains, particles, slotStride, precision, mask, nameof(draws));
        fixed (uint* cdf = weightCdfRows)
        fixed (uint* d = draws)
        fixed (int* a = ancestors)
        fixed (byte* m = mask)
        {
            var work = new SlotSearchWork
            {
                Cdf = cdf, Stride = particles + 1, RowPerChain = true, Draws = d,
                Particles = particles, SlotStride = slotStride, Symbols = a, ChainMask = m,
            };
            Run(work, chains, Math.Max(1, MinSearchesPerTask / particles));
        }
    }

    /// <inheritdoc />
    public unsafe void ResampleSystematic(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> offsets,
        ReadOnlySpan<uint> shifts, int slotStride, Span<int> ancestors, ReadOnlySpan<byte> mask = default)
    {
        int chains = BackendChecks.WeightRows(weightCdfRows, particles, precision, mask);
        BackendChecks.Length(chains, offsets.Length, nameof(offsets));
        BackendChecks.Length(particles, shifts.Length, nameof(shifts));
        BackendChecks.SlotArray(ancestors.Length, chains, particles, slotStride, nameof(ancestors));
        BackendChecks.SlotValuesBelow(offsets, chains, 1, chains, precision, mask, nameof(offsets));
        fixed (uint* cdf = weightCdfRows)
        fixed (uint* v = offsets)
        fixed (uint* sh = shifts)
        fixed (int* a = ancestors)
        fixed (byte* m = mask)
        {
            var work = new SlotSearchWork
            {
                Cdf = cdf, Stride = particles + 1, RowPerChain = true, Values = v, Shifts = sh, PointMask = CoupledPoints.Mask(precision),
                Particles = particles, SlotStride = slotStride, Symbols = a, ChainMask = m,
            };
            Run(work, chains, Math.Max(1, MinSearchesPerTask / particles));
        }
    }
}
