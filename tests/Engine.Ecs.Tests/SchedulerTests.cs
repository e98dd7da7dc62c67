// Systems, groups and the profiling scheduler: order, hooks, counters, entities touched, trace export.
using System.Text.Json;
using Engine.Ecs.Scheduling;

namespace Engine.Ecs.Tests;

public class SchedulerTests
{
    private readonly record struct Tick(float Dt, List<string> Log);

    private sealed class MoveSystem(World world) : BaseSystem<Tick>(world)
    {
        private static readonly QueryDescription Moving = new QueryDescription().WithAll<Position, Velocity>();

        public int Initialized;

        public override void Initialize() => Initialized++;

        public override void BeforeUpdate(in Tick state) => state.Log.Add("move.before");

        public override void Update(in Tick state)
        {
            state.Log.Add("move");
            float dt = state.Dt;
            World.Query(Moving, (ref Position p, ref Velocity v) => p.X += v.X * dt);
        }

        public override void AfterUpdate(in Tick state) => state.Log.Add("move.after");
    }

    private sealed class CountingSystem(World world, string name, long entities) : BaseSystem<Tick>(world, name)
    {
        private readonly Counter _pushes = new SystemCounters().Get("unused");

        public bool Disposed;

        public override void Update(in Tick state)
        {
            state.Log.Add(Name);
            Counters.Add("rans.push", 3);
            Counters.Get("rans.pop").Add(2);
            Counters.Get("rans.pop").Increment();
            if (entities > 0) Counters.AddEntities(entities);
            _pushes.Add(1);
        }

        public override void Dispose()
        {
            Disposed = true;
            base.Dispose();
        }
    }

    private static (World, Scheduler<Tick>, MoveSystem, CountingSystem, CountingSystem) Build()
    {
        var world = World.Create();
        world.Create(new Position(0, 0, 0), new Velocity(1, 0, 0));
        world.Create(new Position(0, 0, 0), new Velocity(2, 0, 0));
        var move = new MoveSystem(world);
        var a = new CountingSystem(world, "Resample", 5);
        var b = new CountingSystem(world, "PushBack", 0);
        var scheduler = new Scheduler<Tick>(world)
            .Add(new Group<Tick>("simulate", move))
            .Add(new Group<Tick>("code", a, b));
        return (world, scheduler, move, a, b);
    }

    [Test]
    public void RunsGroupsAndSystemsInOrderWithHooks()
    {
        var (world, scheduler, move, _, _) = Build();
        using var _w = world;
        var log = new List<string>();
        scheduler.Tick(new Tick(1, log));
        scheduler.Tick(new Tick(1, log));
        Assert.That(log.Take(5), Is.EqualTo(new[] { "move.before", "move", "move.after", "Resample", "PushBack" }));
        Assert.That(log, Has.Count.EqualTo(10));
        Assert.That(move.Initialized, Is.EqualTo(1));
        Assert.That(scheduler.TickCount, Is.EqualTo(2));
        Assert.That(scheduler.Groups.Select(g => g.Name), Is.EqualTo(new[] { "simulate", "code" }));
        var moved = new List<Entity>();
        world.GetEntities(new QueryDescription().WithAll<Position>(), moved);
        Assert.That(moved.Sum(e => world.Get<Position>(e).X), Is.EqualTo(6));
    }

    [Test]
    public void ProfilesCountCallsTimeEntitiesAndCounters()
    {
        var (world, scheduler, _, _, _) = Build();
        using var _w = world;
        for (int i = 0; i < 4; i++) scheduler.Tick(new Tick(1, []));
        var profiles = scheduler.Profiles;
        Assert.That(profiles.Select(p => p.Name), Is.EqualTo(new[] { "MoveSystem", "Resample", "PushBack" }));
        Assert.That(profiles.All(p => p.Calls == 4), Is.True);
        Assert.That(profiles.All(p => p.Total > TimeSpan.Zero && p.Median > TimeSpan.Zero), Is.True);
        Assert.That(profiles.All(p => p.Min <= p.Median && p.Median <= p.Max), Is.True);
        Assert.That(profiles.All(p => p.Samples.Length == 4), Is.True);
        Assert.That(scheduler.GetProfile("MoveSystem").Entities, Is.EqualTo(8), "query visits are credited when nothing is reported");
        Assert.That(scheduler.GetProfile("code/Resample").Entities, Is.EqualTo(20), "reported entities win");
        Assert.That(scheduler.GetProfile("PushBack").Entities, Is.EqualTo(0));
        var counters = scheduler.GetProfile("Resample").Counters;
        Assert.That(counters["rans.push"], Is.EqualTo(12));
        Assert.That(counters["rans.pop"], Is.EqualTo(12));
        Assert.That(scheduler.GetProfile("MoveSystem").Counters, Is.Empty);
        Assert.That(scheduler.GetProfile("Resample").Group, Is.EqualTo("code"));
        Assert.That(scheduler.GetProfile("PushBack").Order, Is.EqualTo(2));
        Assert.Throws<KeyNotFoundException>(() => scheduler.GetProfile("Nope"));
        scheduler.ResetProfiles();
        Assert.That(scheduler.Profiles.All(p => p.Calls == 0 && p.Entities == 0), Is.True);
        Assert.That(scheduler.GetProfile("Resample").Counters["rans.push"], Is.EqualTo(0));
    }

    [Test]
    public void CountersAreTakenPerRun()
    {
        var (world, scheduler, _, resample, _) = Build();
        using var _w = world;
        scheduler.Tick(new Tick(1, []));
        Assert.That(resample.Counters.Get("rans.push").Value, Is.EqualTo(0), "the scheduler zeroes counters after collecting");
        Assert.That(resample.Counters.Entities, Is.EqualTo(0));
        Assert.That(resample.Counters.All.Select(c => c.Name), Is.EqualTo(new[] { "rans.push", "rans.pop" }));
    }

    [Test]
    public void ProfilingCanBeSwitchedOff()
    {
        var (world, scheduler, _, resample, _) = Build();
        using var _w = world;
        scheduler.ProfilingEnabled = false;
        scheduler.TraceEnabled = true;
        scheduler.Tick(new Tick(1, []));
        Assert.That(scheduler.Profiles.All(p => p.Calls == 0), Is.True);
        Assert.That(scheduler.TraceEvents, Is.Empty);
        Assert.That(resample.Counters.Get("rans.push").Value, Is.EqualTo(3), "counters accumulate when nobody collects them");
    }

    [Test]
    public void ChromeTraceHasOneEventPerSystemPerTick()
    {
        var (world, scheduler, _, _, _) = Build();
        using var _w = world;
        scheduler.TraceEnabled = true;
        const int ticks = 5;
        for (int i = 0; i < ticks; i++) scheduler.Tick(new Tick(1, []));
        using var stream = new MemoryStream();
        scheduler.WriteChromeTrace(stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var events = json.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var complete = events.Where(e => e.GetProperty("ph").GetString() == "X").ToList();
        var systems = complete.Where(e => e.GetProperty("cat").GetString() == "system").ToList();
        foreach (var name in new[] { "MoveSystem", "Resample", "PushBack" })
        {
            var mine = systems.Where(e => e.GetProperty("name").GetString() == name).ToList();
            Assert.That(mine, Has.Count.EqualTo(ticks), name);
            Assert.That(mine.Select(e => e.GetProperty("args").GetProperty("tick").GetInt64()), Is.EqualTo(Enumerable.Range(0, ticks).Select(i => (long)i)));
            Assert.That(mine.All(e => e.GetProperty("dur").GetDouble() >= 0 && e.GetProperty("ts").GetDouble() >= 0), Is.True);
            Assert.That(mine.All(e => e.GetProperty("pid").GetInt32() == 1 && e.TryGetProperty("tid", out _)), Is.True);
        }
        Assert.That(systems, Has.Count.EqualTo(3 * ticks));
        Assert.That(complete.Count(e => e.GetProperty("cat").GetString() == "group"), Is.EqualTo(2 * ticks));
        var resample = systems.First(e => e.GetProperty("name").GetString() == "Resample").GetProperty("args");
        Assert.That(resample.GetProperty("rans.push").GetInt64(), Is.EqualTo(3));
        Assert.That(resample.GetProperty("entities").GetInt64(), Is.EqualTo(5));
        Assert.That(events.Any(e => e.GetProperty("ph").GetString() == "M"), Is.True, "process name metadata");
        var tick0 = systems.Where(e => e.GetProperty("args").GetProperty("tick").GetInt64() == 0)
            .Select(e => e.GetProperty("ts").GetDouble()).ToList();
        Assert.That(tick0, Is.Ordered, "systems of a tick run in schedule order");
    }

    [Test]
    public void TraceFileAndTableRender()
    {
        var (world, scheduler, _, _, _) = Build();
        using var _w = world;
        scheduler.TraceEnabled = true;
        scheduler.Tick(new Tick(1, []));
        string path = Path.Combine(Path.GetTempPath(), $"ecs-trace-{Guid.NewGuid():N}.json");
        try
        {
            scheduler.WriteChromeTrace(path);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            // process name, the one thread's name, 3 systems, 2 groups
            Assert.That(json.RootElement.GetProperty("traceEvents").GetArrayLength(), Is.EqualTo(1 + 1 + 3 + 2));
        }
        finally
        {
            File.Delete(path);
        }
        string table = scheduler.FormatProfiles();
        Assert.That(table, Does.Contain("MoveSystem").And.Contain("rans.push=3").And.Contain("median"));
        Assert.That(table.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + 3 + 1 + 1), "header, 3 systems, total, wall");
        Assert.That(ChromeTraceWriter.ToJson([]), Does.Contain("traceEvents"));
    }

    [Test]
    public void DisposeReachesEverySystem()
    {
        var (world, scheduler, _, a, b) = Build();
        using var _w = world;
        scheduler.Dispose();
        Assert.That(a.Disposed && b.Disposed, Is.True);
        Assert.Throws<ObjectDisposedException>(() => scheduler.Add(new Group<Tick>("late")));
    }

    [Test]
    public void GroupRunsPhaseByPhaseWhenUsedDirectly()
    {
        using var world = World.Create();
        var log = new List<string>();
        var group = new Group<Tick>("g", new MoveSystem(world), new CountingSystem(world, "C", 0));
        group.Initialize();
        group.BeforeUpdate(new Tick(1, log));
        group.Update(new Tick(1, log));
        group.AfterUpdate(new Tick(1, log));
        Assert.That(log, Is.EqualTo(new[] { "move.before", "move", "C", "move.after" }));
        Assert.That(group.Systems, Has.Count.EqualTo(2));
        Assert.Throws<ArgumentException>(() => group.Add(group));
        Assert.Throws<ArgumentException>(() => new Group<Tick>(" "));
    }

    [Test]
    public void GroupsAddedAfterInitializeAreInitialised()
    {
        using var world = World.Create();
        var scheduler = new Scheduler<Tick>();
        scheduler.Initialize();
        var late = new MoveSystem(world);
        var group = new Group<Tick>("late", late);
        scheduler.Add(group);
        Assert.That(late.Initialized, Is.EqualTo(1));
        Assert.Throws<ArgumentException>(() => scheduler.Add(group));
    }
}
