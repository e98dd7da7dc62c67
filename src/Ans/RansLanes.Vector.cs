// RansLanes.Vector: AVX-512 versions of the two static-table hot loops, eight lanes per step, with
// results bit-identical to the scalar loops (which remain the portable path and the path for the
// remainder lanes).
//
// Push: gather each symbol's reciprocal and (freq, start), compute the emit mask
// (x >> (64 - prec)) >= freq, shift emitting heads right by 32, then q = floor(x / freq) by the same
// 65-bit reciprocal as RansEncSymbol, with the 64x64 -> high-64 product built from four 32x32
// multiplies (AVX-512 has no 64-bit multiply-high), and x' = x + start + q (2^prec - freq).
// Pop (prec <= 16): gather the slot entries for cf = x & (2^prec - 1) and compute
// x' = freq (x >> prec) + (cf - start) with a 64-bit low multiply.
// Which lanes emit or refill is data-dependent (about one in four, unpredictably), so instead of a
// per-lane branch the affected lanes are compressed into a staging buffer and served after each block
// of 512 lanes, in lane order; each lane moves at most one word per call, so its tail order is the
// scalar order.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Engine.Ans.Quantization;

namespace Engine.Ans;

public sealed partial class RansLanes
{
    private const int VectorWidth = 8;
    private const int StageBlock = 512;

    private static readonly bool Avx512Available =
        Avx512F.IsSupported && Avx512DQ.IsSupported && Avx512CD.IsSupported && Avx2.IsSupported;

    private bool _vectorPaths = Avx512Available;

    /// <summary>Whether the AVX-512 loops are used (tests switch them off to compare with the scalar loops).</summary>
    internal bool VectorPaths
    {
        get => _vectorPaths;
        set => _vectorPaths = value && Avx512Available;
    }

    /// <summary>Pushes the first multiple-of-8 lanes of a static-table call; returns how many it coded.</summary>
    private unsafe int PushTableVector(int firstLane, CumulativeTable table, ReadOnlySpan<int> symbols)
    {
        int n = symbols.Length & ~(VectorWidth - 1);
        if (n == 0)
            return 0;
        int p = table.Precision;
        ulong[] rcpArray = table.EncReciprocals;
        ulong[] intervalArray = table.EncIntervals;
        var k = Vector256.Create((uint)table.Count);
        var low32 = Vector512.Create(0xFFFF_FFFFUL);
        var total = Vector512.Create(1UL << p);
        var one = Vector512<ulong>.One;
        var sixtyFour = Vector512.Create(64UL);
        var iota = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        // Emitted words are staged as (lane << 32 | word), compressed eight lanes at a time, and moved
        // to the tails after each block: a per-lane branch on "did it emit" would mispredict often.
        ulong* stage = stackalloc ulong[StageBlock + VectorWidth];
        fixed (ulong* heads = &_heads[firstLane])
        fixed (int* syms = symbols)
        fixed (ulong* rcpBase = rcpArray)
        fixed (ulong* intervalBase = intervalArray)
        {
            for (int block = 0; block < n; block += StageBlock)
            {
                int blockEnd = Math.Min(n, block + StageBlock);
                int staged = 0;
                for (int i = block; i < blockEnd; i += VectorWidth)
                {
                    Vector256<int> idx = Vector256.Load(syms + i);
                    if (Vector256.GreaterThanOrEqualAny(idx.AsUInt32(), k))
                    {
                        FlushStage(firstLane, stage, staged);
                        return i; // the scalar loop reports the bad symbol
                    }
                    Vector512<ulong> rcp = Vector512.Create(
                        Avx2.GatherVector256(rcpBase, idx.GetLower(), 8),
                        Avx2.GatherVector256(rcpBase, idx.GetUpper(), 8));
                    Vector512<ulong> interval = Vector512.Create(
                        Avx2.GatherVector256(intervalBase, idx.GetLower(), 8),
                        Avx2.GatherVector256(intervalBase, idx.GetUpper(), 8));
                    Vector512<ulong> freq = interval & low32;
                    Vector512<ulong> start = interval >>> 32;
                    Vector512<ulong> x = Vector512.Load(heads + i);

                    Vector512<ulong> emit = Vector512.GreaterThanOrEqual(x >>> (64 - p), freq);
                    Vector512<ulong> lanes = Vector512.Create((ulong)i) + iota;
                    Avx512F.Compress(Vector512<ulong>.Zero, emit, (lanes << 32) | (x & low32)).Store(stage + staged);
                    staged += System.Numerics.BitOperations.PopCount((uint)emit.ExtractMostSignificantBits());
                    x = Vector512.ConditionalSelect(emit, x >>> 32, x);

                    // k = ceil(log2 freq) = 64 - lzcnt(freq - 1); shifts (min(k, 1), k - min(k, 1)).
                    Vector512<ulong> kBits = sixtyFour - Avx512CD.LeadingZeroCount(freq - one);
                    Vector512<ulong> pre = Vector512.Min(kBits, one);
                    Vector512<ulong> post = kBits - pre;
                    Vector512<ulong> t = MultiplyHigh(x, rcp);
                    Vector512<ulong> q = Avx512F.ShiftRightLogicalVariable(
                        t + Avx512F.ShiftRightLogicalVariable(x - t, pre), post);
                    Vector512<ulong> next = x + start + Avx512DQ.MultiplyLow(q, total - freq);
                    next.Store(heads + i);
                }
                FlushStage(firstLane, stage, staged);
            }
        }
        return n;
    }

    /// <summary>Moves staged (lane offset &lt;&lt; 32 | word) entries onto their tails, in lane order.</summary>
    private unsafe void FlushStage(int firstLane, ulong* stage, int staged)
    {
        ref LaneTail tail0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tails), firstLane);
        for (int s = 0; s < staged; s++)
        {
            ulong e = stage[s];
            ref LaneTail tail = ref Unsafe.Add(ref tail0, (nint)(e >> 32));
            int len = tail.Length;
            uint[] words = tail.Words;
            if ((uint)len >= (uint)words.Length)
                words = Grow(ref tail);
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(words), len) = (uint)e;
            tail.Length = len + 1;
        }
    }

    /// <summary>Pops the first multiple-of-8 lanes of a slot-table call; returns how many it coded.</summary>
    private unsafe int PopSlotsVector(int firstLane, int p, ulong[] slots, Span<int> symbols)
    {
        int n = symbols.Length & ~(VectorWidth - 1);
        if (n == 0)
            return 0;
        var mask = Vector512.Create((1UL << p) - 1);
        var low16 = Vector512.Create(0xFFFFUL);
        var lowerBound = Vector512.Create(RansStep.LowerBound);
        var iota = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        // Lanes whose head fell below 2^32 are staged and refilled after each block, for the same
        // reason pushes stage their emitted words.
        ulong* stage = stackalloc ulong[StageBlock + VectorWidth];
        fixed (ulong* heads = &_heads[firstLane])
        fixed (int* syms = symbols)
        fixed (ulong* slotBase = slots)
        {
            for (int block = 0; block < n; block += StageBlock)
            {
                int blockEnd = Math.Min(n, block + StageBlock);
                int staged = 0;
                for (int i = block; i < blockEnd; i += VectorWidth)
                {
                    Vector512<ulong> x = Vector512.Load(heads + i);
                    Vector256<int> cf = Avx512F.ConvertToVector256Int32(x & mask);
                    Vector512<ulong> entry = Vector512.Create(
                        Avx2.GatherVector256(slotBase, cf.GetLower(), 8),
                        Avx2.GatherVector256(slotBase, cf.GetUpper(), 8));
                    Vector512<ulong> next = Avx512DQ.MultiplyLow(entry >>> 32, x >>> p) + ((entry >>> 16) & low16);
                    Avx512F.ConvertToVector256Int32(entry & low16).Store(syms + i);
                    next.Store(heads + i);
                    Vector512<ulong> refill = Vector512.LessThan(next, lowerBound);
                    Avx512F.Compress(Vector512<ulong>.Zero, refill, Vector512.Create((ulong)i) + iota).Store(stage + staged);
                    staged += System.Numerics.BitOperations.PopCount((uint)refill.ExtractMostSignificantBits());
                }
                for (int s = 0; s < staged; s++)
                {
                    int j = (int)stage[s];
                    heads[j] = Refill(firstLane + j, heads[j]);
                }
            }
        }
        return n;
    }

    /// <summary>High 64 bits of the 128-bit products, from four 32 x 32 -> 64 multiplies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> MultiplyHigh(Vector512<ulong> a, Vector512<ulong> b)
    {
        Vector512<ulong> aHi = a >>> 32, bHi = b >>> 32;
        var low32 = Vector512.Create(0xFFFF_FFFFUL);
        Vector512<ulong> ll = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        Vector512<ulong> lh = Avx512F.Multiply(a.AsUInt32(), bHi.AsUInt32());
        Vector512<ulong> hl = Avx512F.Multiply(aHi.AsUInt32(), b.AsUInt32());
        Vector512<ulong> hh = Avx512F.Multiply(aHi.AsUInt32(), bHi.AsUInt32());
        Vector512<ulong> mid = (ll >>> 32) + (lh & low32) + (hl & low32);
        return hh + (lh >>> 32) + (hl >>> 32) + (mid >>> 32);
    }
}
