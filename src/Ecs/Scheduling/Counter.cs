// Counter: one named work count of a system (e.g. "rans.push"), added to from any thread.
// How: a class holding a long updated with Interlocked.Add, so a system resolves it once (Counters.Get) and then
// adds per pass with no lookup; references stay valid while more counters are created.
namespace Engine.Ecs.Scheduling;

/// <summary>A named, thread-safe 64-bit work counter owned by a <see cref="SystemCounters"/>.</summary>
public sealed class Counter
{
    private long _value;

    internal Counter(string name) => Name = name;

    /// <summary>The counter's name.</summary>
    public string Name { get; }

    /// <summary>The count since the scheduler last collected it.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Adds <paramref name="amount"/> (thread-safe).</summary>
    public void Add(long amount) => Interlocked.Add(ref _value, amount);

    /// <summary>Adds one (thread-safe).</summary>
    public void Increment() => Interlocked.Increment(ref _value);

    internal long Take() => Interlocked.Exchange(ref _value, 0);

    /// <inheritdoc />
    public override string ToString() => $"{Name}={Value}";
}
