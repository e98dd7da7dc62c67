// CpuBackend.Resampling: ancestors from integer weight rows, chains split across workers.
// Multinomial: the chain's CDF is built in a stack (or pooled) buffer and every draw is looked up with
// VectorSearch. Systematic: the N points are non-decreasing, so one merge-style sweep over the slots
// assigns them all in O(N) (the same slots a search would find: the last slot whose start is <= point).
using System.Buffers;
using Engine.Ans;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    private const int StackCdfLimit = 2048;

    /// <inheritdoc />
    public unsafe void ResampleMultinomial(ReadOnlySpan<uint> weightFreqs, int particles, int precision, ReadOnlySpan<uint> draws,
        Span<int> ancestors)
    {
        int chains = BackendChecks.Weights(weightFreqs, particles, precision);
        BackendChecks.Length(weightFreqs.Length, draws.Length, nameof(draws));
        BackendChecks.Length(weightFreqs.Length, ancestors.Length, nameof(ancestors));
        BackendChecks.BelowTotal(draws, precision, nameof(draws));
        fixed (uint* w = weightFreqs)
        fixed (uint* d = draws)
        fixed (int* a = ancestors)
            Run(new MultinomialWork(w, d, a, particles), chains, Math.Max(1, MinSearchesPerTask / particles));
    }

    /// <inheritdoc />
    public unsafe void ResampleSystematic(ReadOnlySpan<uint> weightFreqs, int particles, int precision, ReadOnlySpan<uint> offsets,
        Span<int> ancestors)
    {
        int chains = BackendChecks.Weights(weightFreqs, particles, precision);
        BackendChecks.Length(chains, offsets.Length, nameof(offsets));
        BackendChecks.Length(weightFreqs.Length, ancestors.Length, nameof(ancestors));
        BackendChecks.BelowTotal(offsets, precision, nameof(offsets));
        fixed (uint* w = weightFreqs)
        fixed (uint* v = offsets)
        fixed (int* a = ancestors)
            Run(new SystematicWork(w, v, a, particles, precision), chains, Math.Max(1, MinSearchesPerTask / particles));
    }

    private readonly unsafe struct MultinomialWork(uint* freqs, uint* draws, int* ancestors, int particles) : IRangeWork
    {
        public void Run(int start, int count)
        {
            uint[]? rented = particles + 1 > StackCdfLimit ? ArrayPool<uint>.Shared.Rent(particles + 1) : null;
            Span<uint> cdf = rented is null ? stackalloc uint[particles + 1] : rented.AsSpan(0, particles + 1);
            try
            {
                for (int b = start; b < start + count; b++)
                {
                    long o = (long)b * particles;
                    uint sum = 0;
                    for (int i = 0; i < particles; i++)
                    {
                        cdf[i] = sum;
                        sum += freqs[o + i];
                    }
                    cdf[particles] = sum;
                    VectorSearch.FindMany(cdf, new ReadOnlySpan<uint>(draws + o, particles), new Span<int>(ancestors + o, particles), default);
                }
            }
            finally
            {
                if (rented is not null)
                    ArrayPool<uint>.Shared.Return(rented);
            }
        }
    }

    private readonly unsafe struct SystematicWork(uint* freqs, uint* offsets, int* ancestors, int particles, int precision) : IRangeWork
    {
        public void Run(int start, int count)
        {
            for (int b = start; b < start + count; b++)
            {
                long o = (long)b * particles;
                int slot = 0;
                ulong end = freqs[o]; // exclusive end of the current slot's interval
                for (int i = 0; i < particles; i++)
                {
                    uint t = CoupledPoints.SystematicUnchecked(offsets[b], i, particles, precision);
                    while (end <= t)
                        end += freqs[o + ++slot];
                    ancestors[o + i] = slot;
                }
            }
        }
    }
}
