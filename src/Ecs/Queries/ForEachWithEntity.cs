// ForEachWithEntity delegates: per-entity callbacks that also receive the entity handle, one per arity.
// How: as ForEach, plus the chunk's Entity for the row, for callbacks that record commands about the entity.
namespace Engine.Ecs;

/// <summary>Per-entity callback over the entity and 1 scalar component(s), passed by ref.</summary>
public delegate void ForEachWithEntity<T0>(Entity entity, ref T0 c0);

/// <summary>Per-entity callback over the entity and 2 scalar component(s), passed by ref.</summary>
public delegate void ForEachWithEntity<T0, T1>(Entity entity, ref T0 c0, ref T1 c1);

/// <summary>Per-entity callback over the entity and 3 scalar component(s), passed by ref.</summary>
public delegate void ForEachWithEntity<T0, T1, T2>(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2);

/// <summary>Per-entity callback over the entity and 4 scalar component(s), passed by ref.</summary>
public delegate void ForEachWithEntity<T0, T1, T2, T3>(Entity entity, ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3);
