// TraceRecorder: where a scheduler's trace spans go — every system run and group, and any span a system records
// itself from its worker threads (a pass split over chain ranges gives one span per range, on that worker's
// thread, so each worker gets its own track in the trace). Memory is bounded: a ring of Capacity events keeps
// the latest ones and counts what it dropped. Adding is thread-safe (one short lock per span); each span carries
// its thread's name, for the trace's track labels.
using System.Diagnostics;

namespace Engine.Ecs.Scheduling;

/// <summary>A bounded, thread-safe store of <see cref="TraceEvent"/>s.</summary>
public sealed class TraceRecorder
{
    /// <summary>Events kept by default (the latest; older ones are dropped and counted).</summary>
    public const int DefaultCapacity = 1 << 18;

    private readonly object _gate = new();
    private readonly TraceEvent[] _ring;
    private int _first, _count;

    /// <summary>A recorder keeping the latest <paramref name="capacity"/> events; times are measured from <paramref name="origin"/>
    /// (a <see cref="Stopwatch"/> timestamp).</summary>
    public TraceRecorder(long origin, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Origin = origin;
        _ring = new TraceEvent[capacity];
    }

    /// <summary>Whether spans are being recorded (the scheduler sets it from its TraceEnabled).</summary>
    public bool Enabled { get; set; }

    /// <summary>The <see cref="Stopwatch"/> timestamp that is time zero of the trace.</summary>
    public long Origin { get; }

    /// <summary>Most events kept.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Events dropped because the ring was full (the oldest go first).</summary>
    public long Dropped { get; private set; }

    /// <summary>Records a span of the calling thread from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/>
    /// (<see cref="Stopwatch.GetTimestamp"/> values). Does nothing unless <see cref="Enabled"/>.</summary>
    public void Span(string name, string category, string group, long tick, long startTimestamp, long endTimestamp, long entities = 0,
        IReadOnlyList<KeyValuePair<string, long>>? counters = null)
    {
        if (!Enabled) return;
        int thread = Environment.CurrentManagedThreadId;
        var e = new TraceEvent(name, category, group, tick, Micros(startTimestamp - Origin), Micros(endTimestamp - startTimestamp), thread, entities, counters ?? [],
            Thread.CurrentThread.Name);
        lock (_gate)
        {
            if (_count < _ring.Length)
            {
                _ring[(_first + _count++) % _ring.Length] = e;
                return;
            }
            _ring[_first] = e;
            _first = (_first + 1) % _ring.Length;
            Dropped++;
        }
    }

    /// <summary>The kept events, oldest first.</summary>
    public TraceEvent[] Snapshot()
    {
        lock (_gate)
        {
            var events = new TraceEvent[_count];
            for (int i = 0; i < _count; i++) events[i] = _ring[(_first + i) % _ring.Length];
            return events;
        }
    }

    /// <summary>Forgets every event.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _first = _count = 0;
            Dropped = 0;
        }
    }

    private static double Micros(long stopwatchTicks) => stopwatchTicks * 1e6 / Stopwatch.Frequency;
}
