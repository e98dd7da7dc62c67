// SlotSearchWork: the CPU pass behind the coupled inverse CDF and systematic resampling: for a range of chains
// and every slot i, find the symbol of the chain's CDF row (or the particle's, with a row stride per slot) that
// holds the point (Values[b] + Shifts[i]) mod 2^r, and store it at i * slotStride + b (slot-major, chain
// fastest, the coders' layout). Chains are walked in blocks of Block: the block's row bases are computed once
// (per slot when rows differ per particle), the points formed eight at a time and searched with
// VectorSearch.FindBatch. With a chain mask, results go through a stack buffer and only active chains are written.
namespace Engine.Gpu.Cpu;

internal readonly unsafe struct SlotSearchWork : IRangeWork
{
    public const int Block = 512;

    /// <summary>All rows, a common stride apart.</summary>
    public uint* Cdf { get; init; }

    public int Stride { get; init; }

    /// <summary>Row index per chain (particle i of chain b: RowOf[i * RowSlotStride + b]), or null.</summary>
    public int* RowOf { get; init; }

    /// <summary>Distance between slots in RowOf; 0 when every particle of a chain reads the chain's row.</summary>
    public int RowSlotStride { get; init; }

    /// <summary>When RowOf is null: true = chain b uses row b (per-chain rows), false = row 0 for all.</summary>
    public bool RowPerChain { get; init; }

    /// <summary>Per-chain value (u or v) whose shifted copies are the points.</summary>
    public uint* Values { get; init; }

    /// <summary>Per-slot shifts.</summary>
    public uint* Shifts { get; init; }

    /// <summary>2^r - 1.</summary>
    public uint PointMask { get; init; }

    public int Particles { get; init; }

    public int SlotStride { get; init; }

    /// <summary>Slot-major outputs.</summary>
    public int* Symbols { get; init; }

    /// <summary>Per-chain activity, or null (all active).</summary>
    public byte* ChainMask { get; init; }

    public void Run(int start, int count)
    {
        int size = Math.Min(Block, count);
        Span<int> bases = stackalloc int[size];
        Span<uint> points = stackalloc uint[size];
        Span<int> found = ChainMask is null ? default : stackalloc int[size];
        for (int blk = start; blk < start + count; blk += Block)
        {
            int m = Math.Min(Block, start + count - blk);
            FillBases(bases[..m], blk, 0);
            for (int i = 0; i < Particles; i++)
            {
                long o = (long)i * SlotStride + blk;
                if (i > 0 && RowSlotStride != 0)
                    FillBases(bases[..m], blk, i);
                VectorSearch.ShiftedPoints(new ReadOnlySpan<uint>(Values + blk, m), Shifts[i], PointMask, points[..m]);
                if (ChainMask is null)
                {
                    VectorSearch.FindBatch(Cdf, Stride, bases[..m], points[..m], new Span<int>(Symbols + o, m), null);
                    continue;
                }
                VectorSearch.FindBatch(Cdf, Stride, bases[..m], points[..m], found[..m], null);
                for (int j = 0; j < m; j++)
                {
                    if (ChainMask[blk + j] != 0)
                        Symbols[o + j] = found[j];
                }
            }
        }
    }

    private void FillBases(Span<int> bases, int blk, int slot)
    {
        int* rowOf = RowOf is null ? null : RowOf + (long)slot * RowSlotStride + blk;
        for (int j = 0; j < bases.Length; j++)
            bases[j] = rowOf is not null ? rowOf[j] * Stride : RowPerChain ? (blk + j) * Stride : 0;
    }
}
