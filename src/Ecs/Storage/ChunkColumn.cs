// ChunkColumn<T>: where one component column of a chunk lives, taken once so a hot loop can re-derive the span in a
// couple of instructions (no column lookup, no width check). A chunk's storage never moves or grows, so the handle
// stays exact for the chunk's life; it covers all Capacity rows (× width), live or not, and is meant for blocks
// (World.CreateBlock), whose rows are exactly their entities as long as nothing structural touches the archetype.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

/// <summary>A handle to a chunk's column of <typeparamref name="T"/>: Capacity × width elements in the chunk's layout.</summary>
public readonly struct ChunkColumn<T> where T : unmanaged
{
    private readonly byte[] _data;
    private readonly int _offset;

    internal ChunkColumn(byte[] data, int offset, int length)
    {
        _data = data;
        _offset = offset;
        Length = length;
    }

    /// <summary>Elements in the column (Capacity × width).</summary>
    public int Length { get; }

    /// <summary>The column (empty for a default handle).</summary>
    public Span<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _data is null
            ? default
            : MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), _offset)), Length);
    }
}
