// Queries: All / Any / None filters, lambda, entity-lambda, struct-callback and chunk iteration, query caching.
namespace Engine.Ecs.Tests;

public class QueryTests
{
    private static (World World, Entity PV, Entity P, Entity PVF, Entity V, Entity H) Scene()
    {
        var world = World.Create();
        var pv = world.Create(new Position(1, 0, 0), new Velocity(1, 0, 0));
        var p = world.Create(new Position(2, 0, 0));
        var pvf = world.Create(new Position(3, 0, 0), new Velocity(3, 0, 0), new Frozen());
        var v = world.Create(new Velocity(4, 0, 0));
        var h = world.Create(new Health(5));
        return (world, pv, p, pvf, v, h);
    }

    private static HashSet<Entity> Matching(World world, in QueryDescription description)
    {
        var list = new List<Entity>();
        world.GetEntities(description, list);
        return list.ToHashSet();
    }

    [Test]
    public void AllAnyNoneFilters()
    {
        var (world, pv, p, pvf, v, h) = Scene();
        using var _ = world;
        Assert.That(Matching(world, new QueryDescription().WithAll<Position>()), Is.EquivalentTo(new[] { pv, p, pvf }));
        Assert.That(Matching(world, new QueryDescription().WithAll<Position, Velocity>()), Is.EquivalentTo(new[] { pv, pvf }));
        Assert.That(Matching(world, new QueryDescription().WithAll<Position, Velocity>().WithNone<Frozen>()), Is.EquivalentTo(new[] { pv }));
        Assert.That(Matching(world, new QueryDescription().WithAny<Velocity, Health>()), Is.EquivalentTo(new[] { pv, pvf, v, h }));
        Assert.That(Matching(world, new QueryDescription().WithAny<Velocity, Health>().WithNone<Position>()), Is.EquivalentTo(new[] { v, h }));
        Assert.That(Matching(world, QueryDescription.Everything), Has.Count.EqualTo(5));
        Assert.That(world.CountEntities(new QueryDescription().WithNone<Position, Velocity>()), Is.EqualTo(1));
        Assert.That(world.CountEntities(new QueryDescription().WithAll<Mass>()), Is.EqualTo(0));
    }

    [Test]
    public void DescriptionsCombineAndCompare()
    {
        var a = new QueryDescription().WithAll<Position>().WithAll<Velocity>();
        var b = new QueryDescription().WithAll<Velocity, Position>();
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a == new QueryDescription().WithAll<Position>(), Is.False);
        Assert.That(new QueryDescription().WithAll(ComponentType.Of<Mass>()), Is.EqualTo(new QueryDescription().WithAll<Mass>()));
        Assert.That(a.Matches(Signature.Of<Position, Velocity, Mass>()), Is.True);
        Assert.That(a.ToString(), Does.Contain("Position"));
        var all4 = new QueryDescription().WithAll<Position, Velocity, Mass, Health>().WithAny<Frozen>().WithNone<Latent, Code>();
        Assert.That(all4.All.Count + all4.Any.Count + all4.None.Count, Is.EqualTo(7));
    }

    [Test]
    public void LambdaQueryWritesInPlace()
    {
        var (world, pv, _, pvf, _, _) = Scene();
        using var _w = world;
        world.Query(new QueryDescription().WithAll<Position, Velocity>(), (ref Position p, ref Velocity v) => p.X += v.X * 10);
        Assert.That(world.Get<Position>(pv).X, Is.EqualTo(11));
        Assert.That(world.Get<Position>(pvf).X, Is.EqualTo(33));
    }

    [Test]
    public void LambdaQueriesOfEveryArity()
    {
        using var world = World.Create();
        var e = world.Create(new Position(1, 0, 0), new Velocity(2, 0, 0), new Mass(3), new Health(4));
        var q = new QueryDescription().WithAll<Position, Velocity, Mass, Health>();
        world.Query(q, (ref Position p) => p.Y = 1);
        world.Query(q, (ref Position p, ref Velocity v) => p.Y += v.X);
        world.Query(q, (ref Position p, ref Velocity v, ref Mass m) => p.Y += (float)m.Value);
        world.Query(q, (ref Position p, ref Velocity v, ref Mass m, ref Health h) => p.Y += h.Value);
        Assert.That(world.Get<Position>(e).Y, Is.EqualTo(1 + 2 + 3 + 4));
        var seen = new List<Entity>();
        world.Query(q, (Entity x, ref Position _) => seen.Add(x));
        world.Query(q, (Entity x, ref Position _, ref Velocity _) => seen.Add(x));
        world.Query(q, (Entity x, ref Position _, ref Velocity _, ref Mass _) => seen.Add(x));
        world.Query(q, (Entity x, ref Position _, ref Velocity _, ref Mass _, ref Health _) => seen.Add(x));
        Assert.That(seen, Is.EqualTo(new[] { e, e, e, e }));
    }

    private struct SumX : IForEach<Position>
    {
        public double Sum;
        public int Calls;

        public void Update(ref Position p)
        {
            Sum += p.X;
            Calls++;
        }
    }

    private struct Integrate : IForEach<Position, Velocity>
    {
        public float Dt;

        public void Update(ref Position p, ref Velocity v)
        {
            p.X += v.X * Dt;
            p.Y += v.Y * Dt;
            p.Z += v.Z * Dt;
        }
    }

    private struct Three : IForEach<Position, Velocity, Mass>
    {
        public void Update(ref Position p, ref Velocity v, ref Mass m) => m.Value = p.X + v.X;
    }

    private struct Four : IForEach<Position, Velocity, Mass, Health>
    {
        public void Update(ref Position p, ref Velocity v, ref Mass m, ref Health h) => h.Value = (int)(m.Value * 2);
    }

    private struct CollectIds : IForEachWithEntity<Health>
    {
        public List<int> Ids;

        public void Update(Entity entity, ref Health h) => Ids.Add(entity.Id * 1000 + h.Value);
    }

    private struct EntityArity : IForEachWithEntity<Position, Velocity>, IForEachWithEntity<Position, Velocity, Mass>,
        IForEachWithEntity<Position, Velocity, Mass, Health>
    {
        public int Calls;

        public void Update(Entity entity, ref Position p, ref Velocity v) => Calls++;

        public void Update(Entity entity, ref Position p, ref Velocity v, ref Mass m) => Calls++;

        public void Update(Entity entity, ref Position p, ref Velocity v, ref Mass m, ref Health h) => Calls++;
    }

    [Test]
    public void InlineQueryKeepsStructState()
    {
        using var world = World.Create(chunkBytes: 256, maxChunkBytes: 256);
        for (int i = 1; i <= 100; i++) world.Create(new Position(i, 0, 0));
        var sum = new SumX();
        world.InlineQuery<SumX, Position>(new QueryDescription().WithAll<Position>(), ref sum);
        Assert.That(sum.Calls, Is.EqualTo(100));
        Assert.That(sum.Sum, Is.EqualTo(5050));
    }

    [Test]
    public void InlineQueriesOfEveryArity()
    {
        using var world = World.Create();
        var e = world.Create(new Position(1, 0, 0), new Velocity(2, 0, 0), new Mass(0), new Health(0));
        var q = new QueryDescription().WithAll<Position, Velocity, Mass, Health>();
        var integrate = new Integrate { Dt = 0.5f };
        world.InlineQuery<Integrate, Position, Velocity>(q, ref integrate);
        Assert.That(world.Get<Position>(e).X, Is.EqualTo(2));
        var three = new Three();
        world.InlineQuery<Three, Position, Velocity, Mass>(q, ref three);
        Assert.That(world.Get<Mass>(e).Value, Is.EqualTo(4));
        var four = new Four();
        world.InlineQuery<Four, Position, Velocity, Mass, Health>(q, ref four);
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(8));
        var collect = new CollectIds { Ids = [] };
        world.InlineEntityQuery<CollectIds, Health>(q, ref collect);
        Assert.That(collect.Ids, Is.EqualTo(new[] { e.Id * 1000 + 8 }));
        var arity = new EntityArity();
        world.InlineEntityQuery<EntityArity, Position, Velocity>(q, ref arity);
        world.InlineEntityQuery<EntityArity, Position, Velocity, Mass>(q, ref arity);
        world.InlineEntityQuery<EntityArity, Position, Velocity, Mass, Health>(q, ref arity);
        Assert.That(arity.Calls, Is.EqualTo(3));
    }

    [Test]
    public void ChunkIterationSeesEveryEntityOnce()
    {
        using var world = World.Create(chunkBytes: 512, maxChunkBytes: 512);
        var created = new Entity[1000];
        world.Create(created, new Position(1, 0, 0), new Velocity(2, 0, 0));
        for (int i = 0; i < 100; i++) world.Add(created[i], new Mass(i));
        var seen = new HashSet<Entity>();
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Position, Velocity>()))
        {
            var pos = chunk.GetSpan<Position>();
            var vel = chunk.GetSpan<Velocity>();
            Assert.That(pos.Length, Is.EqualTo(chunk.Count));
            for (int i = 0; i < chunk.Count; i++) pos[i].X += vel[i].X;
            ref var first = ref chunk.GetFirst<Position>();
            Assert.That(first.X, Is.EqualTo(pos[0].X));
            Assert.That(chunk.Get<Velocity>(0).X, Is.EqualTo(2));
            Assert.That(chunk.Has<Position>() && !chunk.Has<Health>(), Is.True);
            foreach (var e in chunk.Entities) Assert.That(seen.Add(e), Is.True);
        }
        Assert.That(seen, Has.Count.EqualTo(1000));
        Assert.That(created.All(e => world.Get<Position>(e).X == 3), Is.True);
    }

    [Test]
    public void ChunkAccessorsRejectBadUse()
    {
        using var world = World.Create();
        world.Create(new Position());
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Position>()))
        {
            Assert.Throws<MissingComponentException>(() => chunk.GetSpan<Velocity>());
            Assert.Throws<ArgumentOutOfRangeException>(() => chunk.Get<Position>(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => chunk.GetVectorRow<Position>(-1));
            Assert.That(chunk.ToString(), Does.Contain("Position"));
            Assert.That(chunk.Signature, Is.EqualTo(Signature.Of<Position>()));
        }
    }

    private struct CountChunks : IChunkForEach
    {
        public int Chunks;
        public int Rows;

        public void Update(Chunk chunk)
        {
            Chunks++;
            Rows += chunk.Count;
        }
    }

    [Test]
    public void InlineChunkQueryVisitsEveryChunk()
    {
        using var world = World.Create(chunkBytes: 256, maxChunkBytes: 256);
        world.CreateMany(100, Signature.Of<Health>());
        var counter = new CountChunks();
        world.InlineChunkQuery(new QueryDescription().WithAll<Health>(), ref counter);
        Assert.That(counter.Rows, Is.EqualTo(100));
        Assert.That(counter.Chunks, Is.EqualTo(world.Query(new QueryDescription().WithAll<Health>()).ChunkCount()));
    }

    [Test]
    public void QueryCacheSeesArchetypesCreatedLater()
    {
        using var world = World.Create();
        var description = new QueryDescription().WithAll<Health>();
        var query = world.Query(description);
        Assert.That(query.Count(), Is.EqualTo(0));
        world.Create(new Health(1), new Mass(1));
        world.Create(new Health(1), new Position());
        Assert.That(query.Count(), Is.EqualTo(2), "a held Query refreshes itself");
        Assert.That(world.Query(description), Is.SameAs(query));
        Assert.That(query.Description, Is.EqualTo(description));
    }

    [Test]
    public void QueryingAComponentOutsideWithAllIsAClearError()
    {
        using var world = World.Create();
        world.Create(new Health(1));
        world.Create(new Mass(1));
        var ex = Assert.Throws<MissingComponentException>(() =>
            world.Query(new QueryDescription().WithAny<Health, Mass>(), (ref Health h) => h.Value++));
        Assert.That(ex!.Message, Does.Contain("Health").And.Contain("WithAll"));
    }

    [Test]
    public void GetEntitiesIntoSpan()
    {
        using var world = World.Create();
        var made = world.CreateMany(10, Signature.Of<Health>());
        var buffer = new Entity[12];
        int n = world.GetEntities(new QueryDescription().WithAll<Health>(), buffer);
        Assert.That(n, Is.EqualTo(10));
        Assert.That(buffer.Take(n), Is.EquivalentTo(made));
        Assert.Throws<ArgumentException>(() => world.GetEntities(new QueryDescription().WithAll<Health>(), new Entity[3]));
    }

    [Test]
    public void DestroyByQuery()
    {
        var (world, pv, p, pvf, v, h) = Scene();
        using var _ = world;
        int destroyed = world.Destroy(new QueryDescription().WithAll<Velocity>());
        Assert.That(destroyed, Is.EqualTo(3));
        Assert.That(world.IsAlive(p) && world.IsAlive(h), Is.True);
        Assert.That(world.IsAlive(pv) || world.IsAlive(pvf) || world.IsAlive(v), Is.False);
    }

    [Test]
    public void QueriedEntitiesCountsVisits()
    {
        using var world = World.Create();
        world.CreateMany(7, Signature.Of<Health>());
        long before = world.QueriedEntities;
        world.Query(new QueryDescription().WithAll<Health>(), (ref Health h) => h.Value++);
        foreach (var _ in world.Query(new QueryDescription().WithAll<Health>())) { }
        Assert.That(world.QueriedEntities - before, Is.EqualTo(14));
    }
}
