// ISystem: one pass of a schedule (Arch.System's shape): Initialize once, then per tick BeforeUpdate, Update,
// AfterUpdate with the tick's state, and Dispose at the end. How: the scheduler calls these directly and times
// them; Counters is where the system reports entities touched and named work counts (e.g. "rans.push").
namespace Engine.Ecs.Scheduling;

/// <summary>A system: a pass over the world run once per tick by a <see cref="Scheduler{TState}"/>.</summary>
/// <typeparam name="TState">What each tick passes to the systems (e.g. a tick context struct).</typeparam>
public interface ISystem<TState> : IDisposable
{
    /// <summary>Name used in profiles and traces.</summary>
    string Name { get; }

    /// <summary>Work counters the scheduler reads (and resets) after each run of this system.</summary>
    SystemCounters Counters { get; }

    /// <summary>Called once before the first tick.</summary>
    void Initialize();

    /// <summary>Called each tick before <see cref="Update"/>.</summary>
    void BeforeUpdate(in TState state);

    /// <summary>The system's work for one tick.</summary>
    void Update(in TState state);

    /// <summary>Called each tick after <see cref="Update"/>.</summary>
    void AfterUpdate(in TState state);
}
