// ForEach delegates: the per-entity callbacks of World.Query / ParallelQuery, one per arity (as Arch's).
// How: each component arrives by ref into its chunk column, so the callback reads and writes in place.
namespace Engine.Ecs;

/// <summary>Per-entity callback over 1 scalar component(s), passed by ref.</summary>
public delegate void ForEach<T0>(ref T0 c0);

/// <summary>Per-entity callback over 2 scalar component(s), passed by ref.</summary>
public delegate void ForEach<T0, T1>(ref T0 c0, ref T1 c1);

/// <summary>Per-entity callback over 3 scalar component(s), passed by ref.</summary>
public delegate void ForEach<T0, T1, T2>(ref T0 c0, ref T1 c1, ref T2 c2);

/// <summary>Per-entity callback over 4 scalar component(s), passed by ref.</summary>
public delegate void ForEach<T0, T1, T2, T3>(ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3);
