// VectorSearch: cf -> symbol lookups for a batch of chains, each in its own integer CDF row of a common
// stride (K + 1 entries). With AVX2 eight lookups run as one branch-free binary search: every step
// gathers cdf[rowBase + lo + half] for the eight chains and keeps lo + half where that entry is <= cf.
// All rows share K, so the eight take the same number of steps. The result equals
// CumulativeTable.FindSymbol (the largest s in [0, K) with row[s] <= cf), which the scalar tail and the
// non-AVX2 path call directly; the search reads only entries 1..K-1 of a row, whatever they hold.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Cpu;

internal static class VectorSearch
{
    /// <summary>
    /// symbols[j] = FindSymbol(cdf[rowBases[j] ..][..stride], points[j]); when <paramref name="offsets"/> is not
    /// null also offsets[j] = points[j] - cdf[rowBases[j] + symbols[j]]. Spans have equal length.
    /// </summary>
    public static unsafe void FindBatch(uint* cdf, int stride, ReadOnlySpan<int> rowBases, ReadOnlySpan<uint> points,
        Span<int> symbols, uint* offsets)
    {
        int n = points.Length;
        int k = stride - 1;
        int j = 0;
        if (Avx2.IsSupported && n >= 8 && k > 1)
        {
            fixed (int* bases = rowBases)
            fixed (uint* p = points)
            fixed (int* s = symbols)
            {
                for (; j <= n - 8; j += 8)
                {
                    Vector256<uint> cf = Avx.LoadVector256(p + j);
                    Vector256<int> rowBase = Avx.LoadVector256(bases + j);
                    Vector256<int> lo = rowBase;
                    for (int m = k; m > 1;)
                    {
                        int half = m >> 1;
                        Vector256<int> probeIndex = lo + Vector256.Create(half);
                        Vector256<uint> probe = Avx2.GatherVector256(cdf, probeIndex, 4);
                        lo = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(probe, cf).AsInt32(), probeIndex, lo);
                        m -= half;
                    }
                    Avx.Store(s + j, lo - rowBase);
                    if (offsets is not null)
                        Avx.Store(offsets + j, cf - Avx2.GatherVector256(cdf, lo, 4));
                }
            }
        }
        for (; j < n; j++)
        {
            var row = new ReadOnlySpan<uint>(cdf + rowBases[j], stride);
            int sym = CumulativeTable.FindSymbol(row, points[j]);
            symbols[j] = sym;
            if (offsets is not null)
                offsets[j] = points[j] - row[sym];
        }
    }

    /// <summary>points[j] = (u[j] + shift) mod 2^precision, eight at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ShiftedPoints(ReadOnlySpan<uint> u, uint shift, uint mask, Span<uint> points)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> vs = Vector256.Create(shift), vm = Vector256.Create(mask);
            for (; j <= u.Length - 8; j += 8)
                ((Vector256.Create(u.Slice(j, 8)) + vs) & vm).CopyTo(points.Slice(j, 8));
        }
        for (; j < u.Length; j++)
            points[j] = (u[j] + shift) & mask;
    }
}
