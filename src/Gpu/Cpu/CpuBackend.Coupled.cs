// CpuBackend.Coupled: the coupled inverse CDF. Workers take contiguous chain ranges; per chain the N
// positions (u + shift_k) mod 2^r are formed eight at a time and looked up in the chain's CDF row with
// VectorSearch, which also returns each position's offset inside its bucket (the BB-CIS residual).
using Engine.Ans;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public unsafe void CoupledInverseCdf(CdfRows table, ReadOnlySpan<int> rows, ReadOnlySpan<uint> u, ReadOnlySpan<uint> shifts,
        Span<int> latents, Span<uint> residuals)
    {
        (int chains, int particles) = BackendChecks.Coupled(table, rows, u, shifts, latents.Length, residuals.Length);
        fixed (uint* cdf = table.Cdf)
        fixed (int* r = rows)
        fixed (uint* uu = u)
        fixed (uint* sh = shifts)
        fixed (int* z = latents)
        fixed (uint* res = residuals)
        {
            var work = new CoupledWork(cdf, table.Stride, CoupledPoints.Mask(table.Precision), r, uu, sh, particles, z, res);
            Run(work, chains, Math.Max(1, MinSearchesPerTask / particles));
        }
    }

    private readonly unsafe struct CoupledWork(uint* cdf, int stride, uint mask, int* rows, uint* u, uint* shifts, int particles,
        int* latents, uint* residuals) : IRangeWork
    {
        public void Run(int start, int count)
        {
            var sh = new ReadOnlySpan<uint>(shifts, particles);
            Span<uint> points = stackalloc uint[Block];
            for (int b = start; b < start + count; b++)
            {
                var row = new ReadOnlySpan<uint>(cdf + (long)(rows is null ? 0 : rows[b]) * stride, stride);
                long baseIndex = (long)b * particles;
                for (int k = 0; k < particles; k += Block)
                {
                    int m = Math.Min(Block, particles - k);
                    VectorSearch.CoupledPositions(u[b], sh.Slice(k, m), mask, points[..m]);
                    VectorSearch.FindMany(row, points[..m], new Span<int>(latents + baseIndex + k, m),
                        new Span<uint>(residuals + baseIndex + k, m));
                }
            }
        }
    }
}
