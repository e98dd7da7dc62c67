// Scheduler: runs groups of systems in order once per tick and profiles every system.
// How: each system runs BeforeUpdate, Update and AfterUpdate back to back between two Stopwatch.GetTimestamp
// reads; afterwards its counters are taken (read and zeroed) into its SystemProfile. Entities touched are what the
// system reported, or else how many entities the world's queries visited during the run. With tracing on, each run
// (and each group) also becomes a TraceEvent in the bounded TraceRecorder (systems may add spans of their own
// worker threads through BaseSystem.Tracer), for ChromeTraceWriter. Wall time over all ticks is kept too, so
// the table can give each system's share of it. With profiling off a tick is plain calls.
using System.Diagnostics;

namespace Engine.Ecs.Scheduling;

/// <summary>Runs <see cref="Group{TState}"/>s of systems in order each tick, timing and counting each system.</summary>
public sealed class Scheduler<TState> : IDisposable
{
    private readonly List<Group<TState>> _groups = [];
    private readonly List<(int Group, ISystem<TState> System, SystemProfile Profile)> _entries = [];
    private readonly World? _world;
    private readonly long _origin = Stopwatch.GetTimestamp();
    private long _wallTicks;
    private bool _initialized;
    private bool _disposed;

    /// <summary>
    /// Makes an empty schedule. With a <paramref name="world"/>, a system that reports no entities is credited with the
    /// entities that world's queries visited while it ran.
    /// </summary>
    public Scheduler(World? world = null, int traceCapacity = TraceRecorder.DefaultCapacity)
    {
        _world = world;
        Tracer = new TraceRecorder(_origin, traceCapacity);
    }

    /// <summary>The bounded store the trace goes to (the latest <see cref="TraceRecorder.Capacity"/> spans).</summary>
    public TraceRecorder Tracer { get; }

    /// <summary>Wall time spent in profiled ticks.</summary>
    public TimeSpan WallTime => TimeSpan.FromSeconds(_wallTicks / (double)Stopwatch.Frequency);

    /// <summary>Time and count every system (default true). Off: a tick is just the calls.</summary>
    public bool ProfilingEnabled { get; set; } = true;

    /// <summary>Record a trace event per system run and per group (default false; needs profiling on).</summary>
    public bool TraceEnabled
    {
        get => Tracer.Enabled;
        set => Tracer.Enabled = value;
    }

    /// <summary>Ticks run so far.</summary>
    public long TickCount { get; private set; }

    /// <summary>The groups in run order.</summary>
    public IReadOnlyList<Group<TState>> Groups => _groups;

    /// <summary>One profile per system, in schedule order.</summary>
    public IReadOnlyList<SystemProfile> Profiles => _entries.Select(e => e.Profile).ToArray();

    /// <summary>The kept trace events, in completion order (see <see cref="Tracer"/>).</summary>
    public IReadOnlyList<TraceEvent> TraceEvents => Tracer.Snapshot();

    /// <summary>Appends a group (it runs after those already present); initialises it if the schedule already is.</summary>
    public Scheduler<TState> Add(Group<TState> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_groups.Contains(group)) throw new ArgumentException($"group {group.Name} is already scheduled", nameof(group));
        _groups.Add(group);
        foreach (var system in group.Systems)
        {
            _entries.Add((_groups.Count - 1, system, new SystemProfile(group.Name, system.Name, _entries.Count)));
            if (system is BaseSystem<TState> owned) owned.Tracer = Tracer;
        }
        if (_initialized) group.Initialize();
        return this;
    }

    /// <summary>The profile of the first system called <paramref name="name"/> (or "group/name").</summary>
    /// <exception cref="KeyNotFoundException">No such system.</exception>
    public SystemProfile GetProfile(string name)
    {
        foreach (var entry in _entries)
            if (entry.Profile.Name == name || $"{entry.Profile.Group}/{entry.Profile.Name}" == name) return entry.Profile;
        throw new KeyNotFoundException($"no scheduled system is called '{name}'");
    }

    /// <summary>Initialises every system (Tick does it on first use).</summary>
    public void Initialize()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized) return;
        _initialized = true;
        foreach (var group in _groups) group.Initialize();
    }

    /// <summary>Runs every group's systems in order with <paramref name="state"/>.</summary>
    public void Tick(in TState state)
    {
        Initialize();
        bool profile = ProfilingEnabled;
        bool trace = profile && TraceEnabled;
        long tickStart = Stopwatch.GetTimestamp();
        int entry = 0;
        for (int g = 0; g < _groups.Count; g++)
        {
            long groupStart = Stopwatch.GetTimestamp();
            for (; entry < _entries.Count && _entries[entry].Group == g; entry++)
            {
                var (_, system, systemProfile) = _entries[entry];
                if (!profile)
                {
                    Run(system, in state);
                    continue;
                }
                long queried = _world?.QueriedEntities ?? 0;
                long start = Stopwatch.GetTimestamp();
                Run(system, in state);
                long end = Stopwatch.GetTimestamp();
                Collect(system, systemProfile, start, end, queried, trace);
            }
            if (trace) Tracer.Span(_groups[g].Name, "group", _groups[g].Name, TickCount, groupStart, Stopwatch.GetTimestamp());
        }
        if (profile) _wallTicks += Stopwatch.GetTimestamp() - tickStart;
        TickCount++;
    }

    /// <summary>Clears every profile and the recorded trace.</summary>
    public void ResetProfiles()
    {
        foreach (var entry in _entries) entry.Profile.Reset();
        Tracer.Clear();
        _wallTicks = 0;
    }

    /// <summary>Writes the recorded trace as Chrome trace-event JSON.</summary>
    public void WriteChromeTrace(Stream stream) => ChromeTraceWriter.Write(stream, Tracer.Snapshot());

    /// <summary>Writes the recorded trace as Chrome trace-event JSON to a file.</summary>
    public void WriteChromeTrace(string path) => ChromeTraceWriter.WriteFile(path, Tracer.Snapshot());

    /// <summary>The profiles as a plain-text table.</summary>
    public string FormatProfiles() => ProfileTable.Format(Profiles, WallTime);

    /// <summary>Disposes every system.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var group in _groups) group.Dispose();
    }

    private static void Run(ISystem<TState> system, in TState state)
    {
        system.BeforeUpdate(in state);
        system.Update(in state);
        system.AfterUpdate(in state);
    }

    private void Collect(ISystem<TState> system, SystemProfile profile, long start, long end, long queriedBefore, bool trace)
    {
        var counters = system.Counters;
        long entities = counters.TakeEntities();
        if (entities == 0 && _world is not null) entities = _world.QueriedEntities - queriedBefore;
        profile.Record(end - start, entities);
        int n = counters.Count;
        var snapshot = trace && n > 0 ? new KeyValuePair<string, long>[n] : null;
        for (int i = 0; i < n; i++)
        {
            var counter = counters.At(i);
            long value = counter.Take();
            profile.AddCounter(i, counter.Name, value);
            if (snapshot is not null) snapshot[i] = new(counter.Name, value);
        }
        if (trace) Tracer.Span(system.Name, "system", profile.Group, TickCount, start, end, entities, snapshot);
    }
}
