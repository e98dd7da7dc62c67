// Group: an ordered list of systems that runs as one unit (as Arch.System's Group). How: run directly, it calls
// each hook on every system in order (all BeforeUpdate, then all Update, then all AfterUpdate) with no timing;
// inside a Scheduler each system instead runs its three hooks back to back and is timed on its own.
namespace Engine.Ecs.Scheduling;

/// <summary>An ordered, named list of systems.</summary>
public sealed class Group<TState> : ISystem<TState>
{
    private readonly List<ISystem<TState>> _systems = [];

    /// <summary>Makes a group called <paramref name="name"/> holding <paramref name="systems"/> in order.</summary>
    public Group(string name, params ISystem<TState>[] systems)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Add(systems);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Group-level counters (unused by the scheduler, which reads each system's own).</summary>
    public SystemCounters Counters { get; } = new();

    /// <summary>The systems in run order.</summary>
    public IReadOnlyList<ISystem<TState>> Systems => _systems;

    /// <summary>Appends systems (they run after those already present).</summary>
    public Group<TState> Add(params ISystem<TState>[] systems)
    {
        foreach (var system in systems)
        {
            ArgumentNullException.ThrowIfNull(system);
            if (ReferenceEquals(system, this)) throw new ArgumentException("a group cannot contain itself", nameof(systems));
            _systems.Add(system);
        }
        return this;
    }

    /// <inheritdoc />
    public void Initialize()
    {
        foreach (var system in _systems) system.Initialize();
    }

    /// <inheritdoc />
    public void BeforeUpdate(in TState state)
    {
        foreach (var system in _systems) system.BeforeUpdate(in state);
    }

    /// <inheritdoc />
    public void Update(in TState state)
    {
        foreach (var system in _systems) system.Update(in state);
    }

    /// <inheritdoc />
    public void AfterUpdate(in TState state)
    {
        foreach (var system in _systems) system.AfterUpdate(in state);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var system in _systems) system.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({_systems.Count} systems)";
}
