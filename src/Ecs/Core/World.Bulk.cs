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
        int fresh = entities.Length - _freeCount;
        if (fresh > 0) GrowRecords(_slotCount + fresh);
        int done = 0;
        while (done < entities.Length)
        {
            var chunk = archetype.ChunkWithSpace();
            int row = chunk.Size;
            int take = Math.Min(entities.Length - done, chunk.Capacity - row);
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
                entities[done + i] = entity;
            }
            chunk.Size = row + take;
            chunk.HighWater = Math.Max(chunk.HighWater, chunk.Size);
            archetype.EntityCount += take;
            _alive += take;
            done += take;
        }
    }

    /// <summary>Takes the next never-used slot (records already grown by the caller).</summary>
    private int NewSlot()
    {
        int id = _slotCount++;
        _records[id].Version = 1;
        return id;
    }
}
