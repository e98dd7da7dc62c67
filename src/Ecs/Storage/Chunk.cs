// Chunk: a fixed-capacity block of one archetype's entities, stored as structure-of-arrays columns.
// How: one byte[] holds every column back to back (each 64-byte aligned, capacity × width × sizeof(T) bytes),
// plus an Entity[] for the handles; rows [0, Count) are live and packed. Typed views are made with
// MemoryMarshal.CreateSpan over the byte array, so loops run over plain Span<T> / ref T with no indirection.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

/// <summary>
/// A block of up to <see cref="Capacity"/> entities of one archetype, with one contiguous column per component.
/// Rows 0..<see cref="Count"/>−1 are live. Obtained from query iteration; valid until the next structural change.
/// </summary>
public sealed class Chunk
{
    internal readonly Archetype Archetype;
    internal readonly Entity[] EntityArray;
    internal readonly byte[] Data;

    /// <summary>Live rows.</summary>
    internal int Size;

    /// <summary>Rows ever written since allocation: rows at or above it are still zero and need no clearing.</summary>
    internal int HighWater;

    internal Chunk(Archetype archetype)
    {
        Archetype = archetype;
        EntityArray = new Entity[archetype.Capacity];
        Data = new byte[archetype.DataBytes];
    }

    /// <summary>Number of live entities (rows) in this chunk.</summary>
    public int Count => Size;

    /// <summary>How many entities fit in this chunk.</summary>
    public int Capacity => EntityArray.Length;

    /// <summary>The entities of rows 0..Count−1.</summary>
    public ReadOnlySpan<Entity> Entities => new(EntityArray, 0, Size);

    /// <summary>The component types every entity of this chunk has.</summary>
    public Signature Signature => Archetype.Signature;

    /// <summary>True when this chunk's entities have <typeparamref name="T"/>.</summary>
    public bool Has<T>() where T : unmanaged => Archetype.ColumnOf(Component<T>.Id) >= 0;

    /// <summary>Elements per entity of <typeparamref name="T"/> in this chunk (1 for a scalar component).</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    public int GetWidth<T>() where T : unmanaged => Archetype.Widths[Archetype.Column(Component<T>.Id)];

    /// <summary>The column of a scalar component, one element per live row.</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component (use <see cref="GetVectorSpan{T}"/>).</exception>
    public Span<T> GetSpan<T>() where T : unmanaged
    {
        int offset = Archetype.ScalarOffset(Component<T>.Id, "GetSpan");
        return MemoryMarshal.CreateSpan(ref ColumnRef<T>(offset), Size);
    }

    /// <summary>A reference to row 0 of a scalar component's column (for Unsafe.Add loops over Count rows).</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component.</exception>
    public ref T GetFirst<T>() where T : unmanaged => ref ColumnRef<T>(Archetype.ScalarOffset(Component<T>.Id, "GetFirst"));

    /// <summary>The scalar component of one row.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row is not in [0, Count).</exception>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component.</exception>
    public ref T Get<T>(int row) where T : unmanaged
    {
        CheckRow(row);
        return ref Unsafe.Add(ref GetFirst<T>(), row);
    }

    /// <summary>The whole column of a component of any width: Count × width elements, row r at [r·width, (r+1)·width).</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    public Span<T> GetVectorSpan<T>() where T : unmanaged
    {
        int column = Archetype.Column(Component<T>.Id);
        return MemoryMarshal.CreateSpan(ref ColumnRef<T>(Archetype.Offsets[column]), Size * Archetype.Widths[column]);
    }

    /// <summary>The width elements of one row of a component.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row is not in [0, Count).</exception>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    public Span<T> GetVectorRow<T>(int row) where T : unmanaged
    {
        CheckRow(row);
        int column = Archetype.Column(Component<T>.Id);
        int width = Archetype.Widths[column];
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref ColumnRef<T>(Archetype.Offsets[column]), row * width), width);
    }

    /// <summary>"Chunk[Position, Velocity] 512/512".</summary>
    public override string ToString() => $"Chunk{Archetype.Signature} {Size}/{Capacity}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref T ColumnRef<T>(int byteOffset) where T : unmanaged =>
        ref Unsafe.As<byte, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data), byteOffset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte RowRef(int column, int row) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data), Archetype.Offsets[column] + row * Archetype.RowBytes[column]);

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Size}) in {this}");
    }
}
