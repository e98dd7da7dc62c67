// World (entities part): create and destroy single entities, by signature or type list, and destroy by query.
// How: create takes a free slot, appends a zeroed row to the archetype's last chunk and points the slot's record
// at it; destroy swap-removes the row (re-pointing the entity that moved), bumps the slot's version so old
// handles go stale, and pushes the id on the free stack.
namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>Creates an entity with the components of <paramref name="signature"/>, all zero.</summary>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity Create(in Signature signature)
    {
        EnsureNotIterating("Create", null, null);
        return CreateIn(GetArchetype(signature), out _, out _);
    }

    /// <summary>Creates an entity with the given component types, all zero (none: an entity with no components).</summary>
    /// <remarks>
    /// There is deliberately no parameterless instance <c>Create()</c> overload: inside a class with a property
    /// <c>World World</c>, <c>World.Create()</c> must still bind to the static factory, not make an entity.
    /// </remarks>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity Create(params ComponentType[] types) => Create(new Signature(types));

    /// <summary>Destroys a live entity; every handle to it becomes stale.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Destroy(Entity entity)
    {
        EnsureNotIterating("Destroy", entity, null);
        ref var record = ref Live(entity, "Destroy");
        RemoveFromChunk(record.Chunk!, record.Row);
        record.Chunk = null;
        record.Row = 0;
        record.Version = NextVersion(record.Version);
        PushFree(entity.Id);
        _alive--;
    }

    /// <summary>Destroys every entity the query matches; returns how many.</summary>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public int Destroy(in QueryDescription description)
    {
        EnsureNotIterating("Destroy", null, null);
        var victims = new List<Entity>();
        GetEntities(description, victims);
        foreach (var entity in victims) Destroy(entity);
        return victims.Count;
    }

    /// <summary>Allocates a slot and a zeroed row in <paramref name="archetype"/>.</summary>
    internal Entity CreateIn(Archetype archetype, out Chunk chunk, out int row)
    {
        int id = AllocateSlot();
        ref var record = ref _records[id];
        var entity = new Entity(id, record.Version);
        chunk = archetype.AddRow(entity, out row);
        record.Chunk = chunk;
        record.Row = row;
        _alive++;
        return entity;
    }

    /// <summary>Swap-removes a row and re-points the record of the entity that filled the hole.</summary>
    private void RemoveFromChunk(Chunk chunk, int row)
    {
        var moved = chunk.Archetype.RemoveRow(chunk, row);
        if (moved.IsNull) return;
        ref var movedRecord = ref _records[moved.Id];
        movedRecord.Chunk = chunk;
        movedRecord.Row = row;
    }
}
