// BaseSystem: a convenient ISystem base holding the world, a name and counters, with no-op hooks (as
// Arch.System's BaseSystem). How: derived systems override Update (and any hook they need).
namespace Engine.Ecs.Scheduling;

/// <summary>Base class for systems that work on one <see cref="Ecs.World"/>.</summary>
public abstract class BaseSystem<TState> : ISystem<TState>
{
    /// <summary>Makes a system over <paramref name="world"/>; the name defaults to the class name.</summary>
    protected BaseSystem(World world, string? name = null)
    {
        World = world ?? throw new ArgumentNullException(nameof(world));
        Name = name ?? GetType().Name;
    }

    /// <summary>The world this system works on.</summary>
    public World World { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public SystemCounters Counters { get; } = new();

    /// <summary>The trace of the scheduler that runs this system (set when it is scheduled): a system that splits its work over
    /// threads records one span per part here, so each thread gets its own track. Null until scheduled.</summary>
    public TraceRecorder? Tracer { get; internal set; }

    /// <inheritdoc />
    public virtual void Initialize()
    {
    }

    /// <inheritdoc />
    public virtual void BeforeUpdate(in TState state)
    {
    }

    /// <inheritdoc />
    public abstract void Update(in TState state);

    /// <inheritdoc />
    public virtual void AfterUpdate(in TState state)
    {
    }

    /// <summary>Releases what the system holds (nothing by default).</summary>
    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <inheritdoc />
    public override string ToString() => Name;
}
