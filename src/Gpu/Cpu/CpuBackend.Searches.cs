// CpuBackend.Searches: the coupled inverse CDF and systematic resampling, as SlotSearchWork
// passes over contiguous chain ranges (split across cores once a range holds enough searches).
using Engine.Ans;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public unsafe void CoupledInverseCdf(CdfTable table, ReadOnlySpan<int> rows, int rowSlotStride, ReadOnlySpan<uint> u,
        ReadOnlySpan<uint> shifts, int slotStride, Span<int> latents)
    {
        (int chains, int particles) = BackendChecks.Coupled(table, rows, rowSlotStride, u, shifts, slotStride, latents.Length);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (uint* uu = u)
        fixed (uint* sh = shifts)
        fixed (int* z = latents)
        {
            var work = new SlotSearchWork
            {
                Cdf = cdf, Stride = table.Stride, RowOf = r, RowSlotStride = rows.IsEmpty ? 0 : rowSlotStride, Values = uu, Shifts = sh,
                PointMask = CoupledPoints.Mask(table.Precision), Particles = particles, SlotStride = slotStride, Symbols = z,
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
