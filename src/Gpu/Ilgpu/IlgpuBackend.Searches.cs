// IlgpuBackend.Searches: the coupled inverse CDF and resampling, one device thread per particle. Weight
// rows (integer frequencies, checked on the host) become CDF rows on the device with one thread per
// chain, then every draw or systematic point is searched in its chain's row.
using ILGPU;
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public void CoupledInverseCdf(CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts,
        Span<int> latents, Span<uint> residuals)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        (int chains, int particles) = BackendChecks.Coupled(table, rows, u, shifts, latents.Length, residuals.Length);
        int total = latents.Length;
        if (chains == 0)
            return;
        ArrayView<int> dLatents = _i32B.View(total);
        ArrayView<uint> dResiduals = _u32C.View(total);
        CoupledKernel(total, TableView(table), _i32A.Upload(_stream, rows), RowMode(rows), table.Stride, CoupledPoints.Mask(table.Precision),
            _u32A.Upload(_stream, u), _u32B.Upload(_stream, shifts), particles, dLatents, dResiduals);
        Download(_stream, dLatents, latents);
        Download(_stream, dResiduals, residuals);
    }

    /// <inheritdoc />
    public void ResampleMultinomial(ReadOnlySpan<uint> weightFreqs, int particles, int precision, ReadOnlySpan<uint> draws,
        Span<int> ancestors)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int chains = BackendChecks.Weights(weightFreqs, particles, precision);
        BackendChecks.Length(weightFreqs.Length, draws.Length, nameof(draws));
        BackendChecks.Length(weightFreqs.Length, ancestors.Length, nameof(ancestors));
        BackendChecks.BelowTotal(draws, precision, nameof(draws));
        if (chains == 0)
            return;
        ArrayView<uint> cdf = WeightCdf(weightFreqs, particles, chains);
        ArrayView<int> dAncestors = _i32A.View(ancestors.Length);
        MultinomialKernel(ancestors.Length, cdf, particles, _u32B.Upload(_stream, draws), dAncestors);
        Download(_stream, dAncestors, ancestors);
    }

    /// <inheritdoc />
    public void ResampleSystematic(ReadOnlySpan<uint> weightFreqs, int particles, int precision, ReadOnlySpan<uint> offsets,
        Span<int> ancestors)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int chains = BackendChecks.Weights(weightFreqs, particles, precision);
        BackendChecks.Length(chains, offsets.Length, nameof(offsets));
        BackendChecks.Length(weightFreqs.Length, ancestors.Length, nameof(ancestors));
        BackendChecks.BelowTotal(offsets, precision, nameof(offsets));
        if (chains == 0)
            return;
        ArrayView<uint> cdf = WeightCdf(weightFreqs, particles, chains);
        ArrayView<int> dAncestors = _i32A.View(ancestors.Length);
        SystematicKernel(ancestors.Length, cdf, particles, precision, _u32B.Upload(_stream, offsets), dAncestors);
        Download(_stream, dAncestors, ancestors);
    }

    private ArrayView<uint> WeightCdf(ReadOnlySpan<uint> weightFreqs, int particles, int chains)
    {
        ArrayView<uint> cdf = _u32C.View((long)chains * (particles + 1));
        WeightCdfKernel(chains, _u32A.Upload(_stream, weightFreqs), particles, cdf);
        return cdf;
    }
}
