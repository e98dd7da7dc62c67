// World (bulk part): creating many entities of one archetype at once.
// How: slots are taken from the free stack, then fresh ids; rows are appended a chunk-sized run at a time (new
// chunks are already zero, reused rows are cleared in one block per column), handles and records written in one
// pass. Generic overloads then fill each column with Span.Fill (World.Create.cs).
namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>Creates entities.Length entities with the components of <paramref name="signature"/> (all zero) and writes their handles.</summary>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Create(Span<Entity> entities, in Signature signature)
    {
        EnsureNotIterating("Create", null, null);
        CreateBulk(GetArchetype(signature), entities, out _, out _);
    }

    /// <summary>Creates <paramref name="count"/> entities with the components of <paramref name="signature"/> (all zero).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity[] CreateMany(int count, in Signature signature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var entities = new Entity[count];
        Create(entities, signature);
        return entities;
    }

    /// <summary>
    /// Creates entities.Length entities of <paramref name="signature"/> (all zero) in one new chunk of exactly that many rows, in
    /// order: entity j is row j. A pass can then treat each column of the block as one array indexed by creation order (with a
    /// <see cref="VectorLayout.Columns"/> vector, element k of entity j at [k·Capacity + j]). Rows keep that order until a structural
    /// change removes or moves an entity of this archetype. Chunk byte budgets do not apply; the block must fit one array.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No entities asked for.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    /// <exception cref="EcsException">The block would not fit one array.</exception>
    public Chunk CreateBlock(Span<Entity> entities, in Signature signature)
    {
        ArgumentOutOfRangeException.ThrowIfZero(entities.Length);
        EnsureNotIterating("CreateBlock", null, null);
        var archetype = GetArchetype(signature);
        var block = archetype.AddBlock(entities.Length);
        FillChunk(archetype, block, entities);
        return block;
    }

    /// <summary>Appends entities.Length zeroed rows to <paramref name="archetype"/>; reports where the first one went.</summary>
    internal void CreateBulk(Archetype archetype, Span<Entity> entities, out int firstChunk, out int firstRow)
    {
        firstChunk = archetype.ChunkCount;
        firstRow = 0;
        if (archetype.ChunkCount > 0)
        {
            var last = archetype.Chunks[archetype.ChunkCount - 1];
            if (last.Size < last.Capacity)
            {
                firstChunk = archetype.ChunkCount - 1;
                firstRow = last.Size;
            }
        }
        int done = 0;
        while (done < entities.Length) done += FillChunk(archetype, archetype.ChunkWithSpace(), entities[done..]);
    }

    /// <summary>Writes as many of <paramref name="entities"/> as fit into <paramref name="chunk"/>'s free rows (slots from the free stack,
    /// then fresh ids; records already grown by the caller, or grown here for a block); returns how many.</summary>
    private int FillChunk(Archetype archetype, Chunk chunk, Span<Entity> entities)
    {
        int fresh = entities.Length - _freeCount;
        if (fresh > 0) GrowRecords(_slotCount + fresh);
        int row = chunk.Size;
        int take = Math.Min(entities.Length, chunk.Capacity - row);
        int dirty = Math.Min(chunk.HighWater, row + take) - row;
        if (dirty > 0) archetype.ClearRows(chunk, row, dirty);
        var handles = chunk.EntityArray;
        var records = _records;
        for (int i = 0; i < take; i++)
        {
            int id = _freeCount > 0 ? _free[--_freeCount] : NewSlot();
            ref var record = ref records[id];
            var entity = new Entity(id, record.Version);
            record.Chunk = chunk;
            record.Row = row + i;
            handles[row + i] = entity;
            entities[i] = entity;
        }
        chunk.Size = row + take;
        chunk.HighWater = Math.Max(chunk.HighWater, chunk.Size);
        archetype.EntityCount += take;
        _alive += take;
        return take;
    }

    /// <summary>Takes the next never-used slot (records already grown by the caller).</summary>
    private int NewSlot()
    {
        int id = _slotCount++;
        _records[id].Version = 1;
        return id;
    }
}
