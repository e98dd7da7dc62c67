// RowBlocks: how every coder-facing forward pass is cut so a row's output depends only on that row (VaeModel's header has
// the measurements): on one libtorch thread, one pass over all rows padded with zero rows to a multiple of Size; on several
// threads, separate passes of exactly Size rows each (libtorch splits bigger passes differently).
using static TorchSharp.torch;

namespace Engine.Models.Neural;

internal static class RowBlocks
{
    /// <summary>Rows of every block (and the padding unit).</summary>
    public const int Size = 64;

    /// <summary>Rows per forward pass for <paramref name="count"/> rows.</summary>
    public static int BlockRows(int count) => get_num_threads() == 1 ? Math.Max(count, 1) : Size;

    /// <summary><paramref name="count"/> rounded up to a multiple of <see cref="Size"/>.</summary>
    public static long Padded(int count) => ((long)count + Size - 1) / Size * Size;
}
