// TraceEvent: one timed span recorded by the scheduler (a system run or a whole group), ready for a Chrome trace.
// How: times are microseconds since the scheduler was made; counters are that run's values only.
namespace Engine.Ecs.Scheduling;

/// <summary>A complete ("ph":"X") trace event: a named span with start, duration, thread and work counts.</summary>
/// <param name="Name">System or group name.</param>
/// <param name="Category">"system", "group", or a system's own part ("range": one worker's chain range).</param>
/// <param name="Group">The group the span belongs to.</param>
/// <param name="Tick">Tick number (0-based).</param>
/// <param name="StartMicroseconds">Start, in microseconds since the scheduler was made.</param>
/// <param name="DurationMicroseconds">Duration in microseconds.</param>
/// <param name="ThreadId">Managed thread that ran it.</param>
/// <param name="Entities">Entities touched (systems only).</param>
/// <param name="Counters">Named counters of this run (systems only).</param>
/// <param name="ThreadName">The thread's name when it had one (its track label in a trace).</param>
public sealed record TraceEvent(
    string Name,
    string Category,
    string Group,
    long Tick,
    double StartMicroseconds,
    double DurationMicroseconds,
    int ThreadId,
    long Entities,
    IReadOnlyList<KeyValuePair<string, long>> Counters,
    string? ThreadName = null);
