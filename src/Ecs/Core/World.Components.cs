// World (components part): Get by ref, Set, Has, TryGet, and the structural Add / Remove of one component.
// How: Get is a liveness check plus two array loads (record → chunk → column offset) and a ref into the column.
// Add/Remove move the entity to the neighbouring archetype (found through cached graph edges): append a zeroed
// row there, copy the shared columns, swap-remove the old row. Width is checked before anything moves.
using System.Runtime.CompilerServices;

namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>A reference to the entity's scalar component <typeparamref name="T"/>.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component (use <see cref="GetVector{T}"/>).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get<T>(Entity entity) where T : unmanaged
    {
        ref var record = ref Live(entity, "Get", Component<T>.Id);
        var chunk = record.Chunk!;
        int column = chunk.Archetype.ScalarColumn(Component<T>.Id, "Get", entity);
        return ref Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), record.Row);
    }

    /// <summary>Overwrites the entity's scalar component <typeparamref name="T"/>.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component (use <see cref="SetVector{T}"/>).</exception>
    public void Set<T>(Entity entity, in T value) where T : unmanaged
    {
        ref var record = ref Live(entity, "Set", Component<T>.Id);
        var chunk = record.Chunk!;
        int column = chunk.Archetype.ScalarColumn(Component<T>.Id, "Set", entity);
        Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), record.Row) = value;
    }

    /// <summary>True when the live entity has <typeparamref name="T"/>.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    public bool Has<T>(Entity entity) where T : unmanaged =>
        Live(entity, "Has", Component<T>.Id).Chunk!.Archetype.ColumnOf(Component<T>.Id) >= 0;

    /// <summary>True when the live entity has <paramref name="type"/>.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    public bool Has(Entity entity, ComponentType type) => Live(entity, "Has", type.Id).Chunk!.Archetype.ColumnOf(type.Id) >= 0;

    /// <summary>Copies out the entity's scalar <typeparamref name="T"/>; false (and default) when it has none.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component.</exception>
    public bool TryGet<T>(Entity entity, out T value) where T : unmanaged
    {
        ref var record = ref Live(entity, "TryGet", Component<T>.Id);
        var chunk = record.Chunk!;
        if (chunk.Archetype.ColumnOf(Component<T>.Id) < 0)
        {
            value = default;
            return false;
        }
        int column = chunk.Archetype.ScalarColumn(Component<T>.Id, "TryGet", entity);
        value = Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), record.Row);
        return true;
    }

    /// <summary>Adds scalar component <typeparamref name="T"/> with <paramref name="value"/> (moves the entity to another archetype).</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="DuplicateComponentException">The entity already has <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><typeparamref name="T"/> is a vector component (use the span overload).</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Add<T>(Entity entity, in T value = default) where T : unmanaged
    {
        var type = Component<T>.ComponentType;
        ref var record = ref BeginAdd(entity, type, out var target);
        int column = target.ScalarColumn(type.Id, "Add", entity);
        MoveTo(entity, ref record, target);
        var chunk = record.Chunk!;
        Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), record.Row) = value;
    }

    /// <summary>Adds component <paramref name="type"/> with zero contents (any width).</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="DuplicateComponentException">The entity already has the component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Add(Entity entity, ComponentType type)
    {
        ref var record = ref BeginAdd(entity, type, out var target);
        MoveTo(entity, ref record, target);
    }

    /// <summary>Removes component <typeparamref name="T"/> (moves the entity to another archetype).</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Remove<T>(Entity entity) where T : unmanaged => Remove(entity, Component<T>.ComponentType);

    /// <summary>Removes component <paramref name="type"/>.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no such component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Remove(Entity entity, ComponentType type)
    {
        EnsureNotIterating("Remove", entity, type);
        ref var record = ref Live(entity, "Remove", type.Id);
        var from = record.Chunk!.Archetype;
        from.Column(type.Id, entity);
        var target = from.GetRemoveEdge(type.Id);
        if (target is null)
        {
            target = GetArchetype(from.Signature.Without(type));
            from.SetRemoveEdge(type.Id, target);
        }
        MoveTo(entity, ref record, target);
    }

    /// <summary>Checks an Add and finds (or makes) the target archetype; returns the entity's record.</summary>
    private ref EntityRecord BeginAdd(Entity entity, ComponentType type, out Archetype target)
    {
        EnsureNotIterating("Add", entity, type);
        ref var record = ref Live(entity, "Add", type.Id);
        var from = record.Chunk!.Archetype;
        if (from.ColumnOf(type.Id) >= 0) throw new DuplicateComponentException(entity, type);
        target = from.GetAddEdge(type.Id) ?? MakeAddEdge(from, type);
        return ref record;
    }

    private Archetype MakeAddEdge(Archetype from, ComponentType type)
    {
        var target = GetArchetype(from.Signature.With(type));
        from.SetAddEdge(type.Id, target);
        return target;
    }

    /// <summary>Moves an entity's row to <paramref name="target"/>, keeping the columns both archetypes have.</summary>
    private void MoveTo(Entity entity, ref EntityRecord record, Archetype target)
    {
        var source = record.Chunk!;
        int sourceRow = record.Row;
        var from = source.Archetype;
        var destination = target.AddRow(entity, out int destinationRow);
        for (int c = 0; c < from.Types.Length; c++)
        {
            int d = target.ColumnOf(from.Types[c].Id);
            if (d >= 0) Archetype.CopyCell(destination, d, destinationRow, source, c, sourceRow);
        }
        RemoveFromChunk(source, sourceRow);
        record.Chunk = destination;
        record.Row = destinationRow;
    }
}
