// SystemProfile: what the scheduler measured for one system over all ticks — calls, wall time (total, mean,
// median, min, max), entities touched and the totals of its named counters.
// How: calls, total, min and max are running figures over every run; the durations of the latest SampleWindow
// runs are kept in a ring (32 KiB per system, however long the run), so the median is exact up to that many runs
// and the median of the latest SampleWindow runs after. Counter totals are kept in a small list indexed like the
// system's counters, so recording a run allocates nothing in steady state.
using System.Diagnostics;

namespace Engine.Ecs.Scheduling;

/// <summary>Aggregated timings and work counts of one system in a <see cref="Scheduler{TState}"/>.</summary>
public sealed class SystemProfile
{
    /// <summary>Runs whose durations are kept (the latest ones) for <see cref="Median"/> and <see cref="Samples"/>.</summary>
    public const int SampleWindow = 4096;

    private readonly long[] _samples = new long[SampleWindow];
    private long _min = long.MaxValue, _max;
    private readonly List<string> _counterNames = [];
    private readonly List<long> _counterTotals = [];

    internal SystemProfile(string group, string name, int order)
    {
        Group = group;
        Name = name;
        Order = order;
    }

    /// <summary>The group the system belongs to.</summary>
    public string Group { get; }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>Position of the system in the schedule (0-based, across groups).</summary>
    public int Order { get; }

    /// <summary>Number of timed runs.</summary>
    public long Calls { get; private set; }

    /// <summary>Entities touched over all runs.</summary>
    public long Entities { get; private set; }

    /// <summary>Wall time over all runs.</summary>
    public TimeSpan Total => Ticks(TotalTicks);

    /// <summary>Mean wall time per run.</summary>
    public TimeSpan Mean => Calls == 0 ? TimeSpan.Zero : Ticks(TotalTicks / (double)Calls);

    /// <summary>Median wall time per run: of every run up to <see cref="SampleWindow"/> runs, of the latest <see cref="SampleWindow"/> after.</summary>
    public TimeSpan Median
    {
        get
        {
            if (Calls == 0) return TimeSpan.Zero;
            var sorted = Samples.ToArray();
            Array.Sort(sorted);
            int mid = sorted.Length / 2;
            return Ticks(sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0);
        }
    }

    /// <summary>Shortest run.</summary>
    public TimeSpan Min => Calls == 0 ? TimeSpan.Zero : Ticks(_min);

    /// <summary>Longest run.</summary>
    public TimeSpan Max => Calls == 0 ? TimeSpan.Zero : Ticks(_max);

    /// <summary>Entities touched per second of the system's wall time.</summary>
    public double EntitiesPerSecond => TotalTicks == 0 ? 0 : Entities / Total.TotalSeconds;

    /// <summary>Totals of the system's named counters.</summary>
    public IReadOnlyDictionary<string, long> Counters
    {
        get
        {
            var result = new Dictionary<string, long>(_counterNames.Count);
            for (int i = 0; i < _counterNames.Count; i++) result[_counterNames[i]] = _counterTotals[i];
            return result;
        }
    }

    /// <summary>Durations in Stopwatch ticks of the latest runs (all of them up to <see cref="SampleWindow"/>), oldest first.</summary>
    public ReadOnlySpan<long> Samples
    {
        get
        {
            if (Calls <= SampleWindow) return _samples.AsSpan(0, (int)Calls);
            int next = (int)(Calls % SampleWindow); // the oldest kept sample
            return _samples.AsSpan(next).ToArray().Concat(_samples.AsSpan(0, next).ToArray()).ToArray();
        }
    }

    internal long TotalTicks { get; private set; }

    internal void Record(long ticks, long entities)
    {
        _samples[(int)(Calls++ % SampleWindow)] = ticks;
        _min = Math.Min(_min, ticks);
        _max = Math.Max(_max, ticks);
        TotalTicks += ticks;
        Entities += entities;
    }

    internal void AddCounter(int index, string name, long amount)
    {
        while (_counterNames.Count <= index)
        {
            _counterNames.Add(name);
            _counterTotals.Add(0);
        }
        _counterTotals[index] += amount;
    }

    internal void Reset()
    {
        Calls = 0;
        TotalTicks = 0;
        _min = long.MaxValue;
        _max = 0;
        Entities = 0;
        for (int i = 0; i < _counterTotals.Count; i++) _counterTotals[i] = 0;
    }

    /// <summary>"group/name: calls, median".</summary>
    public override string ToString() => $"{Group}/{Name}: {Calls} calls, median {Median.TotalMicroseconds:F1} µs, {Entities} entities";

    private static TimeSpan Ticks(double stopwatchTicks) => TimeSpan.FromSeconds(stopwatchTicks / Stopwatch.Frequency);
}
