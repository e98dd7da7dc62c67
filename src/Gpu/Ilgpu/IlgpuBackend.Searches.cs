// IlgpuBackend.Searches: the coupled inverse CDF and resampling, one device thread per (slot, chain).
// Inputs are uploaded as the caller holds them (slot-major inputs with their stride); outputs are
// written densely on the device (slot i, chain b at i B + b), downloaded into host buffers and copied to
// the caller's slot-major arrays slot by slot, so entries past B and of masked-out chains stay untouched.
using ILGPU;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public void CoupledInverseCdf(CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts, int slotStride,
        Span<int> latents, Span<uint> residuals = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (int chains, int particles) = BackendChecks.Coupled(table, rows, u, shifts, slotStride, latents.Length, residuals.Length);
        if (chains == 0)
            return;
        int total = checked(chains * particles);
        ArrayView<int> dLatents = _i32B.View(total);
        ArrayView<uint> dResiduals = _u32C.View(total);
        CoupledKernel(total, TableView(table), _i32A.Upload(_stream, rows), RowMode(rows), table.Stride, CoupledPoints.Mask(table.Precision),
            _u32A.Upload(_stream, u), _u32B.Upload(_stream, shifts), chains, dLatents, dResiduals);
        Span<int> z = HostInts(total);
        Span<uint> r = residuals.IsEmpty ? default : HostUInts(total);
        Enqueue(dLatents, z);
        Enqueue(dResiduals, r);
        _stream.Synchronize();
        ScatterSlots(z, chains, particles, slotStride, latents, default);
        if (!residuals.IsEmpty)
            ScatterSlots<uint>(r, chains, particles, slotStride, residuals, default);
    }

    /// <inheritdoc />
    public void ResampleMultinomial(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> draws, int slotStride,
        Span<int> ancestors, ReadOnlySpan<byte> mask = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int chains = BackendChecks.WeightRows(weightCdfRows, particles, precision, mask);
        BackendChecks.SlotArray(draws.Length, chains, particles, slotStride, nameof(draws));
        BackendChecks.SlotArray(ancestors.Length, chains, particles, slotStride, nameof(ancestors));
        BackendChecks.SlotValuesBelow(draws, chains, particles, slotStride, precision, mask, nameof(draws));
        if (chains == 0)
            return;
        int total = checked(chains * particles);
        int span = checked((particles - 1) * slotStride + chains);
        ArrayView<int> dAncestors = _i32A.View(total);
        MultinomialKernel(total, _u32C.Upload(_stream, weightCdfRows), particles, chains, _u32A.Upload(_stream, draws[..span]), slotStride,
            _mask.Upload(_stream, mask), mask.IsEmpty ? 0 : 1, dAncestors);
        Span<int> found = HostInts(total);
        Enqueue(dAncestors, found);
        _stream.Synchronize();
        ScatterSlots(found, chains, particles, slotStride, ancestors, mask);
    }

    /// <inheritdoc />
    public void ResampleSystematic(ReadOnlySpan<uint> weightCdfRows, int particles, int precision, ReadOnlySpan<uint> offsets,
        ReadOnlySpan<uint> shifts, int slotStride, Span<int> ancestors, ReadOnlySpan<byte> mask = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int chains = BackendChecks.WeightRows(weightCdfRows, particles, precision, mask);
        BackendChecks.Length(chains, offsets.Length, nameof(offsets));
        BackendChecks.Length(particles, shifts.Length, nameof(shifts));
        BackendChecks.SlotArray(ancestors.Length, chains, particles, slotStride, nameof(ancestors));
        BackendChecks.SlotValuesBelow(offsets, chains, 1, chains, precision, mask, nameof(offsets));
        if (chains == 0)
            return;
        int total = checked(chains * particles);
        ArrayView<int> dAncestors = _i32A.View(total);
        SystematicKernel(total, _u32C.Upload(_stream, weightCdfRows), particles, chains, CoupledPoints.Mask(precision),
            _u32A.Upload(_stream, offsets), _u32B.Upload(_stream, shifts), _mask.Upload(_stream, mask), mask.IsEmpty ? 0 : 1, dAncestors);
        Span<int> found = HostInts(total);
        Enqueue(dAncestors, found);
        _stream.Synchronize();
        ScatterSlots(found, chains, particles, slotStride, ancestors, mask);
    }

    /// <summary>Copies dense [i B + b] results to i slotStride + b, skipping masked-out chains.</summary>
    private static void ScatterSlots<T>(ReadOnlySpan<T> dense, int chains, int particles, int slotStride, Span<T> target, ReadOnlySpan<byte> mask)
    {
        for (int i = 0; i < particles; i++)
        {
            ReadOnlySpan<T> src = dense.Slice(i * chains, chains);
            Span<T> dst = target.Slice(i * slotStride, chains);
            if (mask.IsEmpty)
            {
                src.CopyTo(dst);
                continue;
            }
            for (int b = 0; b < chains; b++)
            {
                if (mask[b] != 0)
                    dst[b] = src[b];
            }
        }
    }
}
