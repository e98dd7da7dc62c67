// Parallel iteration must give exactly the serial result (each entity's update depends only on its own components).
namespace Engine.Ecs.Tests;

public class ParallelQueryTests
{
    private const int Count = 20_000;

    private static World Populate(out Entity[] entities)
    {
        var world = World.Create(chunkBytes: 2048, maxChunkBytes: 2048);
        entities = new Entity[Count];
        world.Create(entities, new Position(), new Velocity(), new Mass());
        for (int i = 0; i < Count; i++)
        {
            world.Set(entities[i], new Position(i, -i, i * 0.5f));
            world.Set(entities[i], new Velocity(i % 7, i % 11, 1));
            world.Set(entities[i], new Mass(i % 13));
        }
        for (int i = 0; i < Count; i += 10) world.Add(entities[i], new Health(i));
        return world;
    }

    private static Position[] Snapshot(World world, Entity[] entities) => entities.Select(e => world.Get<Position>(e)).ToArray();

    private struct Step : IForEach<Position, Velocity, Mass>
    {
        public void Update(ref Position p, ref Velocity v, ref Mass m)
        {
            float k = (float)(1.0 / (1.0 + m.Value));
            p.X = p.X * 0.99f + v.X * k;
            p.Y = p.Y * 0.98f + v.Y * k;
            p.Z = MathF.Sqrt(p.Z * p.Z + v.Z);
        }
    }

    private struct StepWithEntity : IForEachWithEntity<Position, Velocity>
    {
        public void Update(Entity entity, ref Position p, ref Velocity v) => p.X += entity.Id * v.Z;
    }

    private struct ChunkStep : IChunkForEach
    {
        public void Update(Chunk chunk)
        {
            var p = chunk.GetSpan<Position>();
            var v = chunk.GetSpan<Velocity>();
            for (int i = 0; i < p.Length; i++) p[i].Y -= v[i].Y;
        }
    }

    [Test]
    public void ParallelInlineQueryEqualsSerial()
    {
        var q = new QueryDescription().WithAll<Position, Velocity, Mass>();
        using var serial = Populate(out var a);
        using var parallel = Populate(out var b);
        parallel.MaxDegreeOfParallelism = 4;
        for (int round = 0; round < 3; round++)
        {
            var step = new Step();
            serial.InlineQuery<Step, Position, Velocity, Mass>(q, ref step);
            parallel.ParallelInlineQuery<Step, Position, Velocity, Mass>(q, new Step());
        }
        Assert.That(Snapshot(parallel, b), Is.EqualTo(Snapshot(serial, a)));
    }

    [Test]
    public void ParallelLambdaAndEntityQueriesEqualSerial()
    {
        var q = new QueryDescription().WithAll<Position, Velocity>();
        using var serial = Populate(out var a);
        using var parallel = Populate(out var b);
        serial.Query(q, (ref Position p, ref Velocity v) => p.Z += v.X * v.Y);
        parallel.ParallelQuery(q, (ref Position p, ref Velocity v) => p.Z += v.X * v.Y);
        var withEntity = new StepWithEntity();
        serial.InlineEntityQuery<StepWithEntity, Position, Velocity>(q, ref withEntity);
        parallel.ParallelInlineEntityQuery<StepWithEntity, Position, Velocity>(q, new StepWithEntity());
        serial.Query(q, (Entity e, ref Position p) => p.Y += e.Version);
        parallel.ParallelQuery(q, (Entity e, ref Position p) => p.Y += e.Version);
        var chunkStep = new ChunkStep();
        serial.InlineChunkQuery(q, ref chunkStep);
        parallel.ParallelChunkQuery(q, new ChunkStep());
        parallel.ParallelChunkQuery(q, chunk => chunk.GetSpan<Position>()[0].X += 0);
        Assert.That(Snapshot(parallel, b), Is.EqualTo(Snapshot(serial, a)));
    }

    [Test]
    public void ParallelQueryVisitsEachEntityExactlyOnce()
    {
        using var world = Populate(out var entities);
        var visits = new int[Count];
        var index = entities.Select((e, i) => (e, i)).ToDictionary(x => x.e, x => x.i);
        world.ParallelQuery(new QueryDescription().WithAll<Position>(), (Entity e, ref Position _) => Interlocked.Increment(ref visits[index[e]]));
        Assert.That(visits.All(v => v == 1), Is.True);
    }

    [Test]
    public void ParallelBadUseThrowsTheTypedExceptionOnTheCaller()
    {
        using var world = World.Create();
        world.Register<Latent>(3);
        world.CreateMany(100, Signature.Of<Latent, Health>());
        Assert.Throws<ComponentWidthException>(() =>
            world.ParallelQuery(new QueryDescription().WithAll<Latent>(), (ref Latent _) => { }));
        var ex = Assert.Throws<InvalidOperationException>(() =>
            world.ParallelChunkQuery(new QueryDescription().WithAll<Health>(), _ => throw new InvalidOperationException("boom")));
        Assert.That(ex!.Message, Is.EqualTo("boom"));
        Assert.That(world.IsIterating, Is.False, "the iteration guard is released after a failure");
    }

    [Test]
    public void StructuralChangeInsideParallelBodyThrows()
    {
        using var world = World.Create();
        world.CreateMany(10, Signature.Of<Health>());
        Assert.Throws<StructuralChangeException>(() =>
            world.ParallelQuery(new QueryDescription().WithAll<Health>(), (Entity e, ref Health _) => world.Destroy(e)));
        Assert.That(world.Size, Is.EqualTo(10));
    }

    [Test]
    public void EmptyParallelQueryDoesNothing()
    {
        using var world = World.Create();
        world.ParallelQuery(new QueryDescription().WithAll<Health>(), (ref Health _) => Assert.Fail("no entity"));
        Assert.That(world.IsIterating, Is.False);
    }
}
