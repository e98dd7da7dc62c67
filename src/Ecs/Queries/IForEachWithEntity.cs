// IForEachWithEntity interfaces: struct callbacks that also receive the entity, for World.InlineEntityQuery.
// How: as IForEach; the entity comes from the chunk's Entity column for the same row.
namespace Engine.Ecs;

/// <summary>Struct callback over the entity and 1 scalar component(s), for <c>World.InlineEntityQuery</c>.</summary>
public interface IForEachWithEntity<T0>
{
    /// <summary>Called once per matching entity with the entity and its components by ref.</summary>
    void Update(Entity entity, ref T0 c0);
}

/// <summary>Struct callback over the entity and 2 scalar component(s), for <c>World.InlineEntityQuery</c>.</summary>
public interface IForEachWithEntity<T0, T1>
{
    /// <summary>Called once per matching entity with the entity and its components by ref.</summary>
    void Update(Entity entity, ref T0 c0, ref T1 c1);
}

/// <summary>Struct callback over the entity and 3 scalar component(s), for <c>World.InlineEntityQuery</c>.</summary>
public interface IForEachWithEntity<T0, T1, T2>
{
    /// <summary>Called once per matching entity with the entity and its components by ref.</summary>
    void Update(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2);
}

/// <summary>Struct callback over the entity and 4 scalar component(s), for <c>World.InlineEntityQuery</c>.</summary>
public interface IForEachWithEntity<T0, T1, T2, T3>
{
    /// <summary>Called once per matching entity with the entity and its components by ref.</summary>
    void Update(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3);
}
