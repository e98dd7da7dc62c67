// SchedulerReport: what a run's scheduler measured, detached from the scheduler so the result can outlive
// it: the per-system profiles (when profiling was on), the trace events (when tracing was on) and the
// formatted table.
using Engine.Ecs.Scheduling;

namespace Engine.Systems.Coding;

/// <summary>Profiles and trace of one scheduled run.</summary>
internal sealed record SchedulerReport(IReadOnlyList<SystemProfile> Profiles, IReadOnlyList<TraceEvent> Trace, string Table)
{
    public static SchedulerReport From(Scheduler<CoderTick> s) =>
        s.ProfilingEnabled
            ? new SchedulerReport(s.Profiles, s.TraceEvents, s.FormatProfiles()) // TraceEvents is already a snapshot of the ring
            : new SchedulerReport([], [], "");
}
