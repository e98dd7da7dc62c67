// SlotSearchWork: the CPU pass behind the coupled inverse CDF and both resamplers: for a range of chains
// and every slot i, find the symbol of each chain's CDF row that holds its point and store it at
// i * slotStride + b (slot-major, chain fastest, the coders' layout). Chains are walked in blocks of
// Block: the block's row bases are computed once, then per slot the points are formed eight at a time
// (per-chain value + shift, masked to 2^r; or slot-major draws) and searched with VectorSearch.FindBatch.
// With a chain mask, results go through a stack buffer and only active chains are written.
namespace Engine.Gpu.Cpu;

internal readonly unsafe struct SlotSearchWork : IRangeWork
{
    public const int Block = 512;

    /// <summary>All rows, a common stride apart.</summary>
    public uint* Cdf { get; init; }

    public int Stride { get; init; }

    /// <summary>Row index per chain, or null.</summary>
    public int* RowOf { get; init; }

    /// <summary>When RowOf is null: true = chain b uses row b (per-chain rows), false = row 0 for all.</summary>
    public bool RowPerChain { get; init; }

    /// <summary>Per-chain value (u or v) whose shifted copies are the points, or null when Draws is used.</summary>
    public uint* Values { get; init; }

    /// <summary>Per-slot shifts (with Values).</summary>
    public uint* Shifts { get; init; }

    /// <summary>2^r - 1 (with Values).</summary>
    public uint PointMask { get; init; }

    /// <summary>Slot-major points (when Values is null).</summary>
    public uint* Draws { get; init; }

    public int Particles { get; init; }

    public int SlotStride { get; init; }

    /// <summary>Slot-major outputs: symbols, and offsets inside the bucket (or null).</summary>
    public int* Symbols { get; init; }

    public uint* Offsets { get; init; }

    /// <summary>Per-chain activity, or null (all active).</summary>
    public byte* ChainMask { get; init; }

    public void Run(int start, int count)
    {
        Span<int> bases = stackalloc int[Block];
        Span<uint> points = stackalloc uint[Block];
        Span<int> found = stackalloc int[Block];
        Span<uint> offs = stackalloc uint[Block];
        for (int blk = start; blk < start + count; blk += Block)
        {
            int m = Math.Min(Block, start + count - blk);
            for (int j = 0; j < m; j++)
                bases[j] = RowOf is not null ? RowOf[blk + j] * Stride : RowPerChain ? (blk + j) * Stride : 0;
            for (int i = 0; i < Particles; i++)
            {
                long o = (long)i * SlotStride + blk;
                scoped ReadOnlySpan<uint> pts;
                if (Values is not null)
                {
                    VectorSearch.ShiftedPoints(new ReadOnlySpan<uint>(Values + blk, m), Shifts[i], PointMask, points[..m]);
                    pts = points[..m];
                }
                else
                {
                    pts = new ReadOnlySpan<uint>(Draws + o, m);
                }
                if (ChainMask is null)
                {
                    VectorSearch.FindBatch(Cdf, Stride, bases[..m], pts, new Span<int>(Symbols + o, m), Offsets is null ? null : Offsets + o);
                    continue;
                }
                fixed (uint* op = offs)
                    VectorSearch.FindBatch(Cdf, Stride, bases[..m], pts, found[..m], Offsets is null ? null : op);
                for (int j = 0; j < m; j++)
                {
                    if (ChainMask[blk + j] == 0)
                        continue;
                    Symbols[o + j] = found[j];
                    if (Offsets is not null)
                        Offsets[o + j] = offs[j];
                }
            }
        }
    }
}
