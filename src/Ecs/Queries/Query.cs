// Query: a world's cached list of the archetypes matching one QueryDescription, and chunk iteration over them.
// How: the world keeps one Query per description; when archetypes have been added since the last use, only the
// new ones are tested, so a query call costs a dictionary hit, not a scan. Enumeration yields chunks and holds
// the world's iteration guard until the loop ends, so structural changes inside it throw.
namespace Engine.Ecs;

/// <summary>The archetypes matching a <see cref="QueryDescription"/>; <c>foreach</c> over it yields the matching chunks.</summary>
public sealed class Query
{
    private readonly World _world;
    private Archetype[] _matched = [];
    private int _count;
    private int _checked;

    internal Query(World world, QueryDescription description)
    {
        _world = world;
        Description = description;
    }

    /// <summary>The filter this query applies.</summary>
    public QueryDescription Description { get; }

    internal ReadOnlySpan<Archetype> Matched => new(_matched, 0, _count);

    /// <summary>Number of entities matching now.</summary>
    public int Count()
    {
        _world.Refresh(this);
        int total = 0;
        foreach (var archetype in Matched) total += archetype.EntityCount;
        return total;
    }

    /// <summary>Number of non-empty chunks matching now.</summary>
    public int ChunkCount()
    {
        _world.Refresh(this);
        int total = 0;
        foreach (var archetype in Matched) total += archetype.ChunkCount;
        return total;
    }

    /// <summary>Enumerates the matching chunks; structural changes throw until the enumeration ends or is disposed.</summary>
    public ChunkEnumerator GetEnumerator()
    {
        _world.Refresh(this);
        return new ChunkEnumerator(_world, _matched, _count);
    }

    /// <summary>Tests the archetypes created since the last refresh.</summary>
    internal void Update(IReadOnlyList<Archetype> archetypes)
    {
        for (; _checked < archetypes.Count; _checked++)
        {
            var archetype = archetypes[_checked];
            if (!Description.Matches(archetype.Signature)) continue;
            if (_count == _matched.Length) Array.Resize(ref _matched, Math.Max(4, _count * 2));
            _matched[_count++] = archetype;
        }
    }

    internal bool IsStale(int archetypeCount) => _checked != archetypeCount;

    /// <summary>Throws unless every matched archetype stores each component as a scalar.</summary>
    internal void Validate(ReadOnlySpan<int> ids, string operation)
    {
        foreach (var archetype in Matched)
            foreach (int id in ids)
                archetype.ScalarColumn(id, operation);
    }

    /// <summary>"Query(All[..] Any[..] None[..])".</summary>
    public override string ToString() => $"Query({Description})";
}
