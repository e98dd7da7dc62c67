// SystemCounters: a system's entities-touched count and its named work counters.
// How: counters are created on first use by name (under a lock) and kept in creation order; the scheduler takes
// (reads and zeroes) them after each run, so each profile sample holds exactly that run's work.
namespace Engine.Ecs.Scheduling;

/// <summary>Entities touched and named work counts reported by a system during one run.</summary>
public sealed class SystemCounters
{
    private readonly object _gate = new();
    private readonly List<Counter> _counters = [];
    private long _entities;

    /// <summary>Entities touched since the scheduler last collected (reported with <see cref="AddEntities"/>).</summary>
    public long Entities => Interlocked.Read(ref _entities);

    /// <summary>Counters in creation order.</summary>
    public IReadOnlyList<Counter> All
    {
        get
        {
            lock (_gate) return _counters.ToArray();
        }
    }

    /// <summary>The counter called <paramref name="name"/>, created at zero on first use. Resolve once, add many times.</summary>
    public Counter Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            foreach (var counter in _counters)
                if (counter.Name == name) return counter;
            var created = new Counter(name);
            _counters.Add(created);
            return created;
        }
    }

    /// <summary>Adds <paramref name="amount"/> to the counter called <paramref name="name"/>.</summary>
    public void Add(string name, long amount) => Get(name).Add(amount);

    /// <summary>Reports <paramref name="count"/> more entities touched (thread-safe).</summary>
    public void AddEntities(long count) => Interlocked.Add(ref _entities, count);

    internal long TakeEntities() => Interlocked.Exchange(ref _entities, 0);

    /// <summary>Number of counters, for the scheduler's allocation-free collection loop.</summary>
    internal int Count
    {
        get
        {
            lock (_gate) return _counters.Count;
        }
    }

    internal Counter At(int index)
    {
        lock (_gate) return _counters[index];
    }
}
