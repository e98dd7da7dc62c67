// The profiler's memory is bounded however long a host runs: a system profile keeps running totals and only the
// latest SampleWindow durations (the median is exact up to there), the trace keeps the latest Capacity spans and
// counts the rest; the table gives each system's share of the systems' time and of the wall time; a trace names its
// process after the host and gives every thread its own labelled track.
using System.Diagnostics;
using Engine.Ecs.Scheduling;

namespace Engine.Ecs.Tests;

public class ProfilerBoundsTests
{
    private sealed class Nop(World world) : BaseSystem<int>(world, "Nop")
    {
        public override void Update(in int state) => Thread.SpinWait(10 + state % 7);
    }

    [Test]
    public void AProfileKeepsRunningFiguresAndOnlyTheLatestSamples()
    {
        using World world = World.Create();
        using var scheduler = new Scheduler<int>(world);
        scheduler.Add(new Group<int>("g", new Nop(world)));
        int runs = SystemProfile.SampleWindow * 2 + 100;
        for (int i = 0; i < runs; i++) scheduler.Tick(i);
        SystemProfile p = scheduler.GetProfile("Nop");
        Assert.That(p.Calls, Is.EqualTo(runs));
        Assert.That(p.Samples.Length, Is.EqualTo(SystemProfile.SampleWindow), "only the latest window is kept");
        long[] window = p.Samples.ToArray();
        Assert.That(p.Min.Ticks, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(window.Min() / (double)Stopwatch.Frequency).Ticks));
        Assert.That(p.Max.Ticks, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(window.Max() / (double)Stopwatch.Frequency).Ticks));
        Assert.That(p.Min <= p.Median && p.Median <= p.Max, Is.True);
        Assert.That(p.Mean, Is.EqualTo(TimeSpan.FromSeconds(p.Total.TotalSeconds / runs)).Within(TimeSpan.FromTicks(1)));
    }

    [Test]
    public void TheTraceKeepsTheLatestSpansAndCountsTheDropped()
    {
        var recorder = new TraceRecorder(Stopwatch.GetTimestamp(), capacity: 10) { Enabled = true };
        for (int i = 0; i < 25; i++) recorder.Span("s", "system", "g", i, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp());
        TraceEvent[] kept = recorder.Snapshot();
        Assert.That(kept.Select(e => e.Tick), Is.EqualTo(Enumerable.Range(15, 10).Select(i => (long)i)));
        Assert.That(recorder.Dropped, Is.EqualTo(15));
        recorder.Enabled = false;
        recorder.Span("s", "system", "g", 99, 0, 1);
        Assert.That(recorder.Snapshot().Last().Tick, Is.EqualTo(24), "nothing is recorded while disabled");
    }

    [Test]
    public void TheTableGivesSharesOfTheSystemsAndOfTheWallTime()
    {
        using World world = World.Create();
        using var scheduler = new Scheduler<int>(world);
        scheduler.Add(new Group<int>("g", new Nop(world)));
        for (int i = 0; i < 50; i++) scheduler.Tick(i);
        Assert.That(scheduler.WallTime, Is.GreaterThanOrEqualTo(scheduler.GetProfile("Nop").Total));
        string table = scheduler.FormatProfiles();
        string[] lines = table.Split('\n');
        Assert.That(lines[0], Does.Contain("% systems").And.Contain("% wall"));
        Assert.That(lines.Any(l => l.StartsWith("wall", StringComparison.Ordinal)), Is.True, table);
        Assert.That(lines[1], Does.Contain("100.0"), "the only system is all of the systems' time");
    }

    [Test]
    public void ATraceNamesTheHostAndEveryThreadsTrack()
    {
        var recorder = new TraceRecorder(Stopwatch.GetTimestamp()) { Enabled = true };
        recorder.Span("main part", "system", "g", 0, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp());
        var worker = new Thread(() => recorder.Span("worker part", "range", "g", 0, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp())) { Name = "my worker" };
        worker.Start();
        worker.Join();
        string json = ChromeTraceWriter.ToJson(recorder.Snapshot());
        Assert.That(json, Does.Contain("\"thread_name\"").And.Contain("my worker"));
        Assert.That(json, Does.Contain($"\"name\":\"{ChromeTraceWriter.HostName}\""), "the process is named after the host");
        Assert.That(recorder.Snapshot().Select(e => e.ThreadId).Distinct().Count(), Is.EqualTo(2));
    }
}
