// VectorSearch: many cf -> symbol lookups in ONE integer CDF row (all particles of a chain share the row).
// With AVX2 eight lookups run as one branch-free binary search: every step gathers row[lo + half] for
// the eight lanes and keeps lo + half where that entry is <= cf. All eight share the row length, so they
// take the same number of steps. The result is the same as CumulativeTable.FindSymbol (the largest s
// in [0, K) with row[s] <= cf), which the scalar tail and the non-AVX2 path call directly.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Engine.Ans.Quantization;

namespace Engine.Gpu.Cpu;

internal static class VectorSearch
{
    /// <summary>symbols[i] = FindSymbol(row, points[i]); with offsets, offsets[i] = points[i] - row[symbols[i]].</summary>
    public static unsafe void FindMany(ReadOnlySpan<uint> row, ReadOnlySpan<uint> points, Span<int> symbols, Span<uint> offsets)
    {
        int n = points.Length;
        bool withOffsets = !offsets.IsEmpty;
        int k = row.Length - 1;
        int i = 0;
        if (Avx2.IsSupported && n >= 8 && k > 1)
        {
            fixed (uint* r = row)
            fixed (uint* p = points)
            fixed (int* s = symbols)
            fixed (uint* o = offsets)
            {
                for (; i <= n - 8; i += 8)
                {
                    Vector256<uint> cf = Avx.LoadVector256(p + i);
                    Vector256<int> lo = Vector256<int>.Zero;
                    for (int m = k; m > 1;)
                    {
                        int half = m >> 1;
                        Vector256<int> probeIndex = lo + Vector256.Create(half);
                        Vector256<uint> probe = Avx2.GatherVector256(r, probeIndex, 4);
                        lo = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(probe, cf).AsInt32(), probeIndex, lo);
                        m -= half;
                    }
                    Avx.Store(s + i, lo);
                    if (withOffsets)
                        Avx.Store(o + i, cf - Avx2.GatherVector256(r, lo, 4));
                }
            }
        }
        for (; i < n; i++)
        {
            int sym = CumulativeTable.FindSymbol(row, points[i]);
            symbols[i] = sym;
            if (withOffsets)
                offsets[i] = points[i] - row[sym];
        }
    }

    /// <summary>points[k] = (u + shifts[k]) mod 2^precision, eight at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CoupledPositions(uint u, ReadOnlySpan<uint> shifts, uint mask, Span<uint> points)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> vu = Vector256.Create(u), vm = Vector256.Create(mask);
            for (; i <= shifts.Length - 8; i += 8)
                ((Vector256.Create(shifts.Slice(i, 8)) + vu) & vm).CopyTo(points.Slice(i, 8));
        }
        for (; i < shifts.Length; i++)
            points[i] = (u + shifts[i]) & mask;
    }
}
