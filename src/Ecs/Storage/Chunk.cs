// Chunk: a fixed-capacity block of one archetype's entities, stored as structure-of-arrays columns.
// How: one byte[] holds every column back to back (each 64-byte aligned, capacity × width × sizeof(T) bytes; the
// offsets are per chunk because capacities differ), plus an Entity[] for the handles; rows [0, Count) are live and packed. Typed views are made with
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
    private const int ColumnAlignment = 64;

    internal readonly Archetype Archetype;
    internal readonly Entity[] EntityArray;
    internal readonly byte[] Data;

    /// <summary>Byte offset of each column in <see cref="Data"/>.</summary>
    internal readonly int[] Offsets;

    /// <summary>Live rows.</summary>
    internal int Size;

    /// <summary>Rows ever written since allocation: rows at or above it are still zero and need no clearing.</summary>
    internal int HighWater;

    internal Chunk(Archetype archetype, int capacity)
    {
        Archetype = archetype;
        EntityArray = new Entity[capacity];
        var rowBytes = archetype.RowBytes;
        Offsets = new int[rowBytes.Length];
        long offset = 0;
        for (int c = 0; c < rowBytes.Length; c++)
        {
            Offsets[c] = (int)offset;
            offset += ColumnBytes(rowBytes[c], capacity);
        }
        Data = new byte[offset];
    }

    /// <summary>Bytes a chunk of <paramref name="capacity"/> rows needs for columns of <paramref name="rowBytes"/>.</summary>
    internal static long DataBytes(int[] rowBytes, int capacity)
    {
        long total = 0;
        foreach (int bytes in rowBytes) total += ColumnBytes(bytes, capacity);
        return total;
    }

    private static long ColumnBytes(int rowBytes, int capacity) =>
        ((long)capacity * rowBytes + ColumnAlignment - 1) / ColumnAlignment * ColumnAlignment;

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
        int column = Archetype.ScalarColumn(Component<T>.Id, "GetSpan");
        return MemoryMarshal.CreateSpan(ref ColumnRef<T>(Offsets[column]), Size);
    }

    /// <summary>A reference to row 0 of a scalar component's column (for Unsafe.Add loops over Count rows).</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component.</exception>
    public ref T GetFirst<T>() where T : unmanaged => ref ColumnRef<T>(Offsets[Archetype.ScalarColumn(Component<T>.Id, "GetFirst")]);

    /// <summary>The scalar component of one row.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row is not in [0, Count).</exception>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component.</exception>
    public ref T Get<T>(int row) where T : unmanaged
    {
        CheckRow(row);
        return ref Unsafe.Add(ref GetFirst<T>(), row);
    }

    /// <summary>The whole column of an interleaved component of any width: Count × width elements, row r at [r·width, (r+1)·width).</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is laid out as <see cref="VectorLayout.Columns"/> (use <see cref="GetElementSpan{T}"/>).</exception>
    public Span<T> GetVectorSpan<T>() where T : unmanaged
    {
        int column = InterleavedColumn<T>("GetVectorSpan");
        return MemoryMarshal.CreateSpan(ref ColumnRef<T>(Offsets[column]), Size * Archetype.Widths[column]);
    }

    /// <summary>The width elements of one row of an interleaved component.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Row is not in [0, Count).</exception>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is laid out as <see cref="VectorLayout.Columns"/>.</exception>
    public Span<T> GetVectorRow<T>(int row) where T : unmanaged
    {
        CheckRow(row);
        int column = InterleavedColumn<T>("GetVectorRow");
        int width = Archetype.Widths[column];
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref ColumnRef<T>(Offsets[column]), row * width), width);
    }

    /// <summary>Element <paramref name="element"/> of every live row of a <see cref="VectorLayout.Columns"/> component (or of a scalar
    /// one, element 0): Count values, row r at [r].</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="element"/> is not in [0, width).</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is an interleaved vector (its elements are not contiguous).</exception>
    public Span<T> GetElementSpan<T>(int element) where T : unmanaged =>
        GetElementColumns<T>().Slice(CheckedElement<T>(element) * Capacity, Size);

    /// <summary>Every element column of a <see cref="VectorLayout.Columns"/> (or scalar) component at once, Capacity apart: element k of
    /// row r at [k·Capacity + r] (rows at or above Count are dead and zero). For passes that index rows and elements themselves.</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is an interleaved vector.</exception>
    public Span<T> GetElementColumns<T>() where T : unmanaged
    {
        int column = Archetype.Column(Component<T>.Id);
        if (Archetype.Widths[column] > 1 && !Archetype.Columnar[column])
            throw new ComponentWidthException(null, Archetype.Types[column], Archetype.Widths[column], 1,
                $"GetElementColumns<{Archetype.Types[column]}>: the component is an interleaved vector (register it with VectorLayout.Columns, or use GetVectorSpan).");
        return MemoryMarshal.CreateSpan(ref ColumnRef<T>(Offsets[column]), Capacity * Archetype.Widths[column]);
    }

    /// <summary>A handle to the whole column of <typeparamref name="T"/> (Capacity × width elements, either layout) that re-derives
    /// the span without a lookup; see <see cref="ChunkColumn{T}"/>.</summary>
    /// <exception cref="MissingComponentException">The chunk has no <typeparamref name="T"/>.</exception>
    public ChunkColumn<T> GetColumn<T>() where T : unmanaged
    {
        int column = Archetype.Column(Component<T>.Id);
        return new ChunkColumn<T>(Data, Offsets[column], Capacity * Archetype.Widths[column]);
    }

    private int CheckedElement<T>(int element) where T : unmanaged
    {
        int width = Archetype.Widths[Archetype.Column(Component<T>.Id)];
        if ((uint)element >= (uint)width) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {width})");
        return element;
    }

    private int InterleavedColumn<T>(string operation) where T : unmanaged
    {
        int column = Archetype.Column(Component<T>.Id);
        if (Archetype.Columnar[column])
            throw new ComponentWidthException(null, Archetype.Types[column], Archetype.Widths[column], Archetype.Widths[column],
                $"{operation}<{Archetype.Types[column]}>: the component is laid out as columns (element k of every row together); use GetElementSpan or GetElementColumns.");
        return column;
    }

    /// <summary>"Chunk[Position, Velocity] 512/512".</summary>
    public override string ToString() => $"Chunk{Archetype.Signature} {Size}/{Capacity}";

    /// <summary>Row 0 of a scalar column (throws for a missing or vector component).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref T ScalarColumnRef<T>(string operation) where T : unmanaged =>
        ref ColumnRef<T>(Offsets[Archetype.ScalarColumn(Component<T>.Id, operation)]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref T ColumnRef<T>(int byteOffset) where T : unmanaged =>
        ref Unsafe.As<byte, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data), byteOffset));

    /// <summary>Element k of row r of a <see cref="VectorLayout.Columns"/> column (elements of <paramref name="size"/> bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte ElementRef(int column, int row, int k, int size) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data), (nint)Offsets[column] + ((nint)k * Capacity + row) * size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref byte RowRef(int column, int row) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Data), Offsets[column] + row * Archetype.RowBytes[column]);

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {Size}) in {this}");
    }
}
