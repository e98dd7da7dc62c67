// RansKernels: the ILGPU kernels of the backend, one thread per lane (coding) or per particle (searches).
//
// Lane state stays on the host, so a kernel only transforms heads: with 64-bit heads, 32-bit words and
// precision <= 32 a push emits at most ONE word and a pop refills at most ONE word per lane (docs/architecture.md#push-and-pop).
// Push kernels therefore write the new head and a status per lane (Emitted: the host moves the OLD
// head's low word to the tail, which it still holds; Bad: invalid input), and pop kernels write the head
// before refill (the host refills lanes that fell below 2^32) or 0 for invalid input (a real head after
// a pop step is always >= 1). The host applies words in lane order, so the bytes equal the CPU twin's.
// Only operations every backend has: 64-bit add/shift/multiply and plain 64-bit division (no mul-hi).
using ILGPU;
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

internal static class RansKernels
{
    /// <summary>Push status: no word moved.</summary>
    public const byte Kept = 0;

    /// <summary>Push status: the old head's low word goes to the tail.</summary>
    public const byte Emitted = 1;

    /// <summary>Push status: invalid interval, value or symbol.</summary>
    public const byte Bad = 2;

    /// <summary>Row selection: row 0 for every lane.</summary>
    public const int RowShared = 0;

    /// <summary>Row selection: rowOf[i].</summary>
    public const int RowIndexed = 1;

    public static void PushIntervals(Index1D i, ArrayView<ulong> heads, ArrayView<uint> starts, ArrayView<uint> freqs,
        ArrayView<byte> mask, int useMask, int precision, ArrayView<byte> status)
    {
        if (useMask != 0 && mask[i] == 0)
        {
            status[i] = Kept;
            return;
        }
        status[i] = PushOne(ref heads[i], starts[i], freqs[i], precision);
    }

    public static void CommitIntervals(Index1D i, ArrayView<ulong> heads, ArrayView<uint> starts, ArrayView<uint> freqs,
        ArrayView<byte> mask, int useMask, int precision)
    {
        if (useMask != 0 && mask[i] == 0)
            return;
        heads[i] = CommitOne(heads[i], starts[i], freqs[i], precision);
    }

    public static void PushTable(Index1D i, ArrayView<ulong> heads, ArrayView<uint> cdf, ArrayView<int> rowOf, int rowMode,
        int stride, int precision, ArrayView<int> symbols, ArrayView<byte> mask, int useMask, ArrayView<byte> status)
    {
        if (useMask != 0 && mask[i] == 0)
        {
            status[i] = Kept;
            return;
        }
        long b = RowBase(i, rowOf, rowMode, stride);
        int sym = symbols[i];
        uint s = cdf[b + sym];
        status[i] = PushOne(ref heads[i], s, cdf[b + sym + 1] - s, precision);
    }

    public static void PopTable(Index1D i, ArrayView<ulong> heads, ArrayView<uint> cdf, ArrayView<int> rowOf, int rowMode,
        int stride, int precision, ArrayView<int> symbols, ArrayView<byte> mask, int useMask)
    {
        if (useMask != 0 && mask[i] == 0)
            return;
        long b = RowBase(i, rowOf, rowMode, stride);
        ulong x = heads[i];
        uint cf = (uint)(x & ((1UL << precision) - 1));
        int sym = Search(cdf, b, stride, cf);
        uint s = cdf[b + sym];
        symbols[i] = sym;
        heads[i] = CommitOne(x, s, cdf[b + sym + 1] - s, precision);
    }

    public static void PushUniform(Index1D i, ArrayView<ulong> heads, ArrayView<uint> values, ArrayView<uint> n,
        ArrayView<byte> status)
    {
        uint nn = n[i], v = values[i];
        if (nn <= 1)
        {
            status[i] = nn == 0 || v != 0 ? Bad : Kept;
            return;
        }
        if (v >= nn)
        {
            status[i] = Bad;
            return;
        }
        UniformInterval(v, nn, out uint s, out uint f);
        status[i] = PushOne(ref heads[i], s, f, ExactUniform.Precision);
    }

    public static void PopUniform(Index1D i, ArrayView<ulong> heads, ArrayView<uint> n, ArrayView<uint> values)
    {
        uint nn = n[i];
        if (nn <= 1)
        {
            values[i] = 0;
            if (nn == 0)
                heads[i] = 0;
            return;
        }
        ulong x = heads[i];
        uint cf = (uint)x;
        uint v = UniformValue(cf, nn);
        UniformInterval(v, nn, out uint s, out uint f);
        values[i] = v;
        heads[i] = f * (x >> 32) + (cf - s);
    }

    /// <summary>
    /// One thread per (slot i, chain b), idx = i B + b: the latent of row rowOf[i rowSlotStride + b] (or row 0) at the
    /// point (u[b] + shifts[i]) mod 2^r, at idx.
    /// </summary>
    public static void CoupledInverseCdf(Index1D idx, ArrayView<uint> cdf, ArrayView<int> rowOf, int rowMode, int rowSlotStride, int stride,
        uint pointMask, ArrayView<uint> u, ArrayView<uint> shifts, int chains, ArrayView<int> latents)
    {
        int slot = idx / chains;
        int chain = idx - slot * chains;
        long b = RowBase(slot * rowSlotStride + chain, rowOf, rowMode, stride);
        uint point = (u[chain] + shifts[slot]) & pointMask;
        latents[idx] = Search(cdf, b, stride, point);
    }

    /// <summary>
    /// One thread per (slot i, chain b), idx = i B + b: the slot of chain b's weight row holding the point
    /// (offsets[b] + shifts[i]) mod 2^p, at idx. Inactive chains are skipped.
    /// </summary>
    public static void Systematic(Index1D idx, ArrayView<uint> cdf, int particles, int chains, uint pointMask, ArrayView<uint> offsets,
        ArrayView<uint> shifts, ArrayView<byte> mask, int useMask, ArrayView<int> ancestors)
    {
        int slot = idx / chains;
        int chain = idx - slot * chains;
        if (useMask != 0 && mask[chain] == 0)
            return;
        uint point = (offsets[chain] + shifts[slot]) & pointMask;
        ancestors[idx] = Search(cdf, (long)chain * (particles + 1), particles + 1, point);
    }

    /// <summary>The push step of RansStep on one head in place; returns Kept, Emitted or Bad.</summary>
    private static byte PushOne(ref ulong head, uint start, uint freq, int precision)
    {
        if (freq == 0 || start + (ulong)freq > 1UL << precision)
            return Bad;
        ulong x = head;
        byte status = Kept;
        if ((x >> (64 - precision)) >= freq)
        {
            x >>= 32;
            status = Emitted;
        }
        ulong q = x / freq;
        head = (q << precision) + (x - q * freq) + start;
        return status;
    }

    /// <summary>The pop step of RansStep before refill, or 0 when the interval does not hold the head's cf.</summary>
    private static ulong CommitOne(ulong x, uint start, uint freq, int precision)
    {
        uint cf = (uint)(x & ((1UL << precision) - 1));
        if (cf - start >= freq || start + (ulong)freq > 1UL << precision)
            return 0;
        return freq * (x >> precision) + (cf - start);
    }

    private static long RowBase(int i, ArrayView<int> rowOf, int rowMode, int stride)
    {
        long row = rowMode == RowShared ? 0 : rowOf[i];
        return row * stride;
    }

    /// <summary>The largest s in [0, stride - 1) with cdf[b + s] &lt;= cf: CumulativeTable.FindSymbol's halving.</summary>
    private static int Search(ArrayView<uint> cdf, long b, int stride, uint cf)
    {
        int lo = 0;
        int n = stride - 1;
        while (n > 1)
        {
            int half = n >> 1;
            if (cdf[b + lo + half] <= cf)
                lo += half;
            n -= half;
        }
        return lo;
    }

    /// <summary>ExactUniform.Interval without its argument checks (n >= 2, value &lt; n hold here).</summary>
    internal static void UniformInterval(uint value, uint n, out uint start, out uint freq)
    {
        uint q = (uint)((1UL << 32) / n);
        uint r = (uint)((1UL << 32) - (ulong)q * n);
        start = value * q + (value < r ? value : r);
        freq = value < r ? q + 1 : q;
    }

    /// <summary>ExactUniform.Value without its argument checks (n >= 2).</summary>
    internal static uint UniformValue(uint cf, uint n)
    {
        uint q = (uint)((1UL << 32) / n);
        uint r = (uint)((1UL << 32) - (ulong)q * n);
        ulong wide = (ulong)r * (q + 1UL);
        return cf < wide ? (uint)(cf / (q + 1UL)) : (uint)(r + (cf - wide) / q);
    }
}
