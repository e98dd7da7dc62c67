// World (query part): the cache of Query objects and the whole-query helpers (count, list entities).
// How: one Query per distinct QueryDescription in a dictionary guarded by a lock (nested queries may run on
// parallel workers); a query is refreshed against new archetypes each time it is handed out.
namespace Engine.Ecs;

public sealed partial class World
{
    private readonly Dictionary<QueryDescription, Query> _queries = [];

    /// <summary>The (cached) query for <paramref name="description"/>; <c>foreach (var chunk in world.Query(in d))</c> iterates chunks.</summary>
    public Query Query(in QueryDescription description)
    {
        Query? query;
        lock (_queries)
        {
            if (!_queries.TryGetValue(description, out query))
            {
                query = new Query(this, description);
                _queries.Add(description, query);
            }
            if (query.IsStale(_archetypes.Count)) query.Update(_archetypes);
        }
        return query;
    }

    /// <summary>Number of entities matching <paramref name="description"/>.</summary>
    public int CountEntities(in QueryDescription description) => Query(description).Count();

    /// <summary>Appends every entity matching <paramref name="description"/> to <paramref name="entities"/>.</summary>
    public void GetEntities(in QueryDescription description, List<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var chunk in Query(description)) entities.AddRange(chunk.Entities);
    }

    /// <summary>Copies every entity matching <paramref name="description"/> into <paramref name="destination"/>; returns how many.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public int GetEntities(in QueryDescription description, Span<Entity> destination)
    {
        var query = Query(description);
        int needed = query.Count();
        if (destination.Length < needed)
            throw new ArgumentException($"destination holds {destination.Length} entities but {needed} match {description}", nameof(destination));
        int n = 0;
        foreach (var chunk in query)
        {
            chunk.Entities.CopyTo(destination[n..]);
            n += chunk.Count;
        }
        return n;
    }

    internal void Refresh(Query query)
    {
        lock (_queries)
        {
            if (query.IsStale(_archetypes.Count)) query.Update(_archetypes);
        }
    }
}
