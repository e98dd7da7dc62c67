// QueryDescription: which archetypes a query visits — those with All of some components, at least one of Any
// (when Any is not empty) and None of others. How: three Signatures; matching is bitset subset/overlap tests done
// once per archetype (the world caches each description's matches), never per entity.
namespace Engine.Ecs;

/// <summary>
/// A query filter: entities having all of <see cref="All"/>, at least one of <see cref="Any"/> (if not empty) and none
/// of <see cref="None"/>. Immutable: <c>new QueryDescription().WithAll&lt;Position, Velocity&gt;().WithNone&lt;Frozen&gt;()</c>.
/// </summary>
public readonly struct QueryDescription : IEquatable<QueryDescription>
{
    /// <summary>Makes a description from its three sets.</summary>
    public QueryDescription(Signature all, Signature any, Signature none)
    {
        All = all;
        Any = any;
        None = none;
    }

    /// <summary>Components every matched entity has.</summary>
    public Signature All { get; }

    /// <summary>Components of which every matched entity has at least one (ignored when empty).</summary>
    public Signature Any { get; }

    /// <summary>Components no matched entity has.</summary>
    public Signature None { get; }

    /// <summary>The description matching every entity.</summary>
    public static QueryDescription Everything => default;

    /// <summary>True when an archetype with components <paramref name="signature"/> matches.</summary>
    public bool Matches(in Signature signature) =>
        All.IsSubsetOf(signature) && (Any.IsEmpty || Any.Overlaps(signature)) && !None.Overlaps(signature);

    /// <summary>A copy that also requires all of <paramref name="types"/>.</summary>
    public QueryDescription WithAll(params ReadOnlySpan<ComponentType> types) => new(Union(All, types), Any, None);

    /// <summary>A copy whose Any set also holds <paramref name="types"/>.</summary>
    public QueryDescription WithAny(params ReadOnlySpan<ComponentType> types) => new(All, Union(Any, types), None);

    /// <summary>A copy that also excludes <paramref name="types"/>.</summary>
    public QueryDescription WithNone(params ReadOnlySpan<ComponentType> types) => new(All, Any, Union(None, types));

    /// <summary>A copy that also requires entities to have all of T0.</summary>
    public QueryDescription WithAll<T0>()
        where T0 : unmanaged =>
        WithAll([Component<T0>.ComponentType]);

    /// <summary>A copy that also requires entities to have all of T0, T1.</summary>
    public QueryDescription WithAll<T0, T1>()
        where T0 : unmanaged where T1 : unmanaged =>
        WithAll([Component<T0>.ComponentType, Component<T1>.ComponentType]);

    /// <summary>A copy that also requires entities to have all of T0, T1, T2.</summary>
    public QueryDescription WithAll<T0, T1, T2>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged =>
        WithAll([Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType]);

    /// <summary>A copy that also requires entities to have all of T0, T1, T2, T3.</summary>
    public QueryDescription WithAll<T0, T1, T2, T3>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged =>
        WithAll([Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType, Component<T3>.ComponentType]);

    /// <summary>A copy that also requires entities to have at least one of T0.</summary>
    public QueryDescription WithAny<T0>()
        where T0 : unmanaged =>
        WithAny([Component<T0>.ComponentType]);

    /// <summary>A copy that also requires entities to have at least one of T0, T1.</summary>
    public QueryDescription WithAny<T0, T1>()
        where T0 : unmanaged where T1 : unmanaged =>
        WithAny([Component<T0>.ComponentType, Component<T1>.ComponentType]);

    /// <summary>A copy that also requires entities to have at least one of T0, T1, T2.</summary>
    public QueryDescription WithAny<T0, T1, T2>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged =>
        WithAny([Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType]);

    /// <summary>A copy that also requires entities to have at least one of T0, T1, T2, T3.</summary>
    public QueryDescription WithAny<T0, T1, T2, T3>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged =>
        WithAny([Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType, Component<T3>.ComponentType]);

    /// <summary>A copy that also requires entities to have none of T0.</summary>
    public QueryDescription WithNone<T0>()
        where T0 : unmanaged =>
        WithNone([Component<T0>.ComponentType]);

    /// <summary>A copy that also requires entities to have none of T0, T1.</summary>
    public QueryDescription WithNone<T0, T1>()
        where T0 : unmanaged where T1 : unmanaged =>
        WithNone([Component<T0>.ComponentType, Component<T1>.ComponentType]);

    /// <summary>A copy that also requires entities to have none of T0, T1, T2.</summary>
    public QueryDescription WithNone<T0, T1, T2>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged =>
        WithNone([Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType]);

    /// <summary>A copy that also requires entities to have none of T0, T1, T2, T3.</summary>
    public QueryDescription WithNone<T0, T1, T2, T3>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged =>
        WithNone([Component<T0>.ComponentType, Component<T1>.ComponentType, Component<T2>.ComponentType, Component<T3>.ComponentType]);

    /// <inheritdoc />
    public bool Equals(QueryDescription other) => All == other.All && Any == other.Any && None == other.None;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is QueryDescription other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(All, Any, None);

    /// <summary>Equality of the three sets.</summary>
    public static bool operator ==(QueryDescription left, QueryDescription right) => left.Equals(right);

    /// <summary>Inequality of any of the three sets.</summary>
    public static bool operator !=(QueryDescription left, QueryDescription right) => !left.Equals(right);

    /// <summary>"All[..] Any[..] None[..]".</summary>
    public override string ToString() => $"All{All} Any{Any} None{None}";

    private static Signature Union(in Signature set, ReadOnlySpan<ComponentType> types)
    {
        var merged = new List<ComponentType>(set.Count + types.Length);
        merged.AddRange(set.Components);
        foreach (var t in types)
            if (!merged.Contains(t)) merged.Add(t);
        return new Signature(merged.ToArray());
    }
}
