// IForEach interfaces: struct callbacks for World.InlineQuery, one per arity (Arch's IForEach).
// How: the query is generic over the struct type, so the JIT specialises the loop and inlines Update — no delegate
// or interface call per entity. State kept in the struct survives across entities (it is passed by ref).
namespace Engine.Ecs;

/// <summary>Struct callback over 1 scalar component(s), for <c>World.InlineQuery</c>.</summary>
public interface IForEach<T0>
{
    /// <summary>Called once per matching entity with its components by ref.</summary>
    void Update(ref T0 c0);
}

/// <summary>Struct callback over 2 scalar component(s), for <c>World.InlineQuery</c>.</summary>
public interface IForEach<T0, T1>
{
    /// <summary>Called once per matching entity with its components by ref.</summary>
    void Update(ref T0 c0, ref T1 c1);
}

/// <summary>Struct callback over 3 scalar component(s), for <c>World.InlineQuery</c>.</summary>
public interface IForEach<T0, T1, T2>
{
    /// <summary>Called once per matching entity with its components by ref.</summary>
    void Update(ref T0 c0, ref T1 c1, ref T2 c2);
}

/// <summary>Struct callback over 4 scalar component(s), for <c>World.InlineQuery</c>.</summary>
public interface IForEach<T0, T1, T2, T3>
{
    /// <summary>Called once per matching entity with its components by ref.</summary>
    void Update(ref T0 c0, ref T1 c1, ref T2 c2, ref T3 c3);
}
