// IlgpuBackend.Searches: the coupled inverse CDF and systematic resampling, one device thread per (slot, chain).
// Inputs are uploaded as the caller holds them (slot-major inputs with their stride); outputs are
// written densely on the device (slot i, chain b at i B + b), downloaded into host buffers and copied to
// the caller's slot-major arrays slot by slot, so entries past B and of masked-out chains stay untouched.
using ILGPU;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public void CoupledInverseCdf(CdfTable table, ReadOnlySpan<int> rows, int rowSlotStride, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts,
        int slotStride, Span<int> latents)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (int chains, int particles) = BackendChecks.Coupled(table, rows, rowSlotStride, u, shifts, slotStride, latents.Length);
        if (chains == 0)
            return;
        int total = checked(chains * particles);
        int rowStride = rows.IsEmpty ? 0 : rowSlotStride;
        ReadOnlySpan<int> usedRows = rows.IsEmpty ? rows : rows[..(rowStride == 0 ? chains : (particles - 1) * rowStride + chains)];
        ArrayView<int> dLatents = _i32B.View(total);
        CoupledKernel(total, TableView(table), _i32A.Upload(_stream, usedRows), RowMode(rows), rowStride, table.Stride,
            CoupledPoints.Mask(table.Precision), _u32A.Upload(_stream, u), _u32B.Upload(_stream, shifts), chains, dLatents);
        Span<int> z = HostInts(total);
        Enqueue(dLatents, z);
        _stream.Synchronize();
        ScatterSlots(z, chains, particles, slotStride, latents, default);
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
