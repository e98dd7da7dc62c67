// Archetype: all entities with exactly one set of components, kept in a list of chunks.
// How: the columns (bytes per row, width) are fixed once from the signature and the world's widths. Chunk sizes
// grow geometrically: the first chunk holds the world's minimum byte budget, each new one as many entities as all
// earlier chunks together, up to the maximum budget — a small archetype costs little memory while a big one
// streams through long contiguous columns (short columns cost a hardware-prefetch ramp-up per chunk; measured
// 2x slower at 16 KiB than at 1 MiB on 1M entities). Rows are kept packed: every chunk but the last is full, a
// new row goes at the end, a removed row is refilled by the last row (swap-remove), so iteration walks Count rows
// of ChunkCount chunks with no holes. Add/remove-component targets are cached as graph edges by component id.
// A block (World.CreateBlock) is one full chunk of exactly the size asked for, slotted in before a last chunk that
// still has room, so the invariants hold. Copying or clearing a row goes through CopyCell/ClearRows, which know a
// Columns-layout vector's elements lie Capacity apart.
using System.Runtime.CompilerServices;

namespace Engine.Ecs;

internal sealed class Archetype
{
    public readonly Signature Signature;
    public readonly ComponentType[] Types;
    public readonly int[] Widths;
    public readonly int[] RowBytes;

    /// <summary>Per column: true for a vector stored as <see cref="VectorLayout.Columns"/> (element k of row r at k·Capacity + r).</summary>
    public readonly bool[] Columnar;
    public readonly int MinCapacity;
    public readonly int MaxCapacity;
    public readonly int Index;

    private readonly int[] _columnOfId;
    private Archetype?[] _addEdges = [];
    private Archetype?[] _removeEdges = [];
    private Chunk? _spare;

    public Chunk[] Chunks = [];
    public int ChunkCount;
    public int EntityCount;

    /// <summary>Sum of the capacities of the listed chunks.</summary>
    public int CapacityTotal;

    public Archetype(Signature signature, ComponentRegistry registry, int minChunkBytes, int maxChunkBytes, int index)
    {
        Signature = signature;
        Index = index;
        Types = signature.Components.ToArray();
        int n = Types.Length;
        Widths = new int[n];
        RowBytes = new int[n];
        Columnar = new bool[n];
        long bytesPerEntity = Unsafe.SizeOf<Entity>();
        int maxId = -1;
        for (int c = 0; c < n; c++)
        {
            Widths[c] = registry.Use(Types[c]);
            RowBytes[c] = checked(Types[c].ByteSize * Widths[c]);
            Columnar[c] = Widths[c] > 1 && registry.GetLayout(Types[c]) == VectorLayout.Columns;
            bytesPerEntity += RowBytes[c];
            maxId = Math.Max(maxId, Types[c].Id);
        }
        MinCapacity = (int)Math.Max(1, minChunkBytes / bytesPerEntity);
        MaxCapacity = (int)Math.Max(MinCapacity, maxChunkBytes / bytesPerEntity);
        if (Chunk.DataBytes(RowBytes, MinCapacity) > Array.MaxLength)
            throw new EcsException($"archetype {signature} needs {bytesPerEntity} bytes per entity; reduce component widths");
        _columnOfId = new int[maxId + 1];
        Array.Fill(_columnOfId, -1);
        for (int c = 0; c < n; c++) _columnOfId[Types[c].Id] = c;
    }

    /// <summary>The column holding component <paramref name="id"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ColumnOf(int id)
    {
        var map = _columnOfId;
        return (uint)id < (uint)map.Length ? map[id] : -1;
    }

    /// <summary>The column of component <paramref name="id"/>; throws MissingComponentException naming <paramref name="entity"/> (Null: a chunk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Column(int id, Entity entity = default)
    {
        int column = ColumnOf(id);
        if (column < 0) ThrowMissing(id, entity, null);
        return column;
    }

    /// <summary>The column of a scalar component; throws if missing or if the component is a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ScalarColumn(int id, string operation, Entity entity = default)
    {
        int column = ColumnOf(id);
        if (column < 0 || Widths[column] != 1) ThrowScalar(id, operation, entity, column);
        return column;
    }

    public MissingComponentException Missing(ComponentType type, Entity entity, string? hint = null) =>
        new(entity.IsNull ? null : entity, type, Types.Length == 0 ? "no components" : string.Join(", ", Types.Select(t => t.ToString())), hint);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void ThrowMissing(int id, Entity entity, string? hint) => throw Missing(ComponentTypes.Get(id), entity, hint);

    /// <summary>Appends a row for <paramref name="entity"/>, cleared to zero.</summary>
    public Chunk AddRow(Entity entity, out int row)
    {
        var chunk = ChunkWithSpace();
        row = chunk.Size;
        if (row < chunk.HighWater) ClearRows(chunk, row, 1);
        else chunk.HighWater = row + 1;
        chunk.EntityArray[row] = entity;
        chunk.Size = row + 1;
        EntityCount++;
        return chunk;
    }

    /// <summary>The last chunk if it has room, else a spare or new chunk (as big as all the others, within bounds) appended.</summary>
    public Chunk ChunkWithSpace()
    {
        if (ChunkCount > 0)
        {
            var last = Chunks[ChunkCount - 1];
            if (last.Size < last.Capacity) return last;
        }
        var chunk = _spare ?? new Chunk(this, Math.Clamp(CapacityTotal, MinCapacity, MaxCapacity));
        _spare = null;
        if (ChunkCount == Chunks.Length) Array.Resize(ref Chunks, Math.Max(4, ChunkCount * 2));
        Chunks[ChunkCount++] = chunk;
        CapacityTotal += chunk.Capacity;
        return chunk;
    }

    /// <summary>Appends a new chunk of exactly <paramref name="capacity"/> rows (a block; see World.CreateBlock), before the
    /// last chunk when that one still has room, so every chunk but the last stays full once the block is filled.</summary>
    /// <exception cref="EcsException">The block's columns would not fit one array.</exception>
    public Chunk AddBlock(int capacity)
    {
        if (Chunk.DataBytes(RowBytes, capacity) > Array.MaxLength)
            throw new EcsException($"a block of {capacity} entities of {Signature} needs {Chunk.DataBytes(RowBytes, capacity)} bytes, more than one array holds");
        var block = new Chunk(this, capacity);
        if (ChunkCount == Chunks.Length) Array.Resize(ref Chunks, Math.Max(4, ChunkCount * 2));
        int at = ChunkCount > 0 && Chunks[ChunkCount - 1].Size < Chunks[ChunkCount - 1].Capacity ? ChunkCount - 1 : ChunkCount;
        Array.Copy(Chunks, at, Chunks, at + 1, ChunkCount - at);
        Chunks[at] = block;
        ChunkCount++;
        CapacityTotal += capacity;
        return block;
    }

    /// <summary>Zeroes rows [row, row + count) of every column.</summary>
    public void ClearRows(Chunk chunk, int row, int count)
    {
        for (int c = 0; c < Types.Length; c++)
        {
            if (!Columnar[c])
            {
                Unsafe.InitBlockUnaligned(ref chunk.RowRef(c, row), 0, (uint)(RowBytes[c] * count));
                continue;
            }
            int size = Types[c].ByteSize;
            for (int k = 0; k < Widths[c]; k++) Unsafe.InitBlockUnaligned(ref chunk.ElementRef(c, row, k, size), 0, (uint)(size * count));
        }
    }

    /// <summary>Copies column <paramref name="sourceColumn"/> of a row of <paramref name="source"/> (an archetype sharing the type, so
    /// the same width and layout) into column <paramref name="column"/> of a row of <paramref name="destination"/>.</summary>
    public static void CopyCell(Chunk destination, int column, int destinationRow, Chunk source, int sourceColumn, int sourceRow)
    {
        var from = source.Archetype;
        if (!from.Columnar[sourceColumn])
        {
            Unsafe.CopyBlockUnaligned(ref destination.RowRef(column, destinationRow), ref source.RowRef(sourceColumn, sourceRow), (uint)from.RowBytes[sourceColumn]);
            return;
        }
        int size = from.Types[sourceColumn].ByteSize;
        for (int k = 0; k < from.Widths[sourceColumn]; k++)
            Unsafe.CopyBlockUnaligned(ref destination.ElementRef(column, destinationRow, k, size), ref source.ElementRef(sourceColumn, sourceRow, k, size), (uint)size);
    }

    /// <summary>Writes a cell's elements from <paramref name="bytes"/> (width × element size long, element 0 first).</summary>
    public static void WriteCell(Chunk chunk, int column, int row, ReadOnlySpan<byte> bytes)
    {
        var archetype = chunk.Archetype;
        if (!archetype.Columnar[column])
        {
            bytes.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref chunk.RowRef(column, row), bytes.Length));
            return;
        }
        int size = archetype.Types[column].ByteSize;
        for (int k = 0; k < archetype.Widths[column]; k++)
            bytes.Slice(k * size, size).CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref chunk.ElementRef(column, row, k, size), size));
    }

    /// <summary>
    /// Removes a row by moving the archetype's last row into it. Returns the entity that moved (whose record the
    /// caller must point at <paramref name="chunk"/>/<paramref name="row"/>), or Entity.Null if the row was the last.
    /// </summary>
    public Entity RemoveRow(Chunk chunk, int row)
    {
        var last = Chunks[ChunkCount - 1];
        int lastRow = last.Size - 1;
        var moved = Entity.Null;
        if (!ReferenceEquals(last, chunk) || lastRow != row)
        {
            for (int c = 0; c < Types.Length; c++) CopyCell(chunk, c, row, last, c, lastRow);
            moved = last.EntityArray[lastRow];
            chunk.EntityArray[row] = moved;
        }
        last.EntityArray[lastRow] = default;
        last.Size = lastRow;
        EntityCount--;
        if (lastRow == 0)
        {
            // Keep one empty chunk aside so an entity bouncing across a chunk boundary does not allocate each time.
            Chunks[--ChunkCount] = null!;
            CapacityTotal -= last.Capacity;
            if (_spare is null || _spare.Capacity < last.Capacity) _spare = last;
        }
        return moved;
    }

    public Archetype? GetAddEdge(int id) => id < _addEdges.Length ? _addEdges[id] : null;

    public Archetype? GetRemoveEdge(int id) => id < _removeEdges.Length ? _removeEdges[id] : null;

    public void SetAddEdge(int id, Archetype target) => SetEdge(ref _addEdges, id, target);

    public void SetRemoveEdge(int id, Archetype target) => SetEdge(ref _removeEdges, id, target);

    /// <summary>Drops every row and chunk (World.Clear).</summary>
    public void Clear()
    {
        Array.Clear(Chunks);
        ChunkCount = 0;
        EntityCount = 0;
        CapacityTotal = 0;
        _spare = null;
    }

    private static void SetEdge(ref Archetype?[] edges, int id, Archetype target)
    {
        if (id >= edges.Length) Array.Resize(ref edges, Math.Max(id + 1, edges.Length * 2));
        edges[id] = target;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowScalar(int id, string operation, Entity entity, int column)
    {
        var type = ComponentTypes.Get(id);
        if (column < 0) throw Missing(type, entity, entity.IsNull ? $"a query reaching {operation}<{type}> must list it in WithAll" : null);
        throw ComponentWidthException.ScalarAccess(entity.IsNull ? null : entity, type, Widths[column], operation);
    }
}
