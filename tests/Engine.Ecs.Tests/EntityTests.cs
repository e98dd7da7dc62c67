// Entity lifecycle: create, destroy, liveness, stale handles and slot reuse.
namespace Engine.Ecs.Tests;

public class EntityTests
{
    [Test]
    public void CreateGivesDistinctLiveEntities()
    {
        using var world = World.Create();
        var a = world.Create();
        var b = world.Create();
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(world.IsAlive(a) && world.IsAlive(b), Is.True);
        Assert.That(world.Size, Is.EqualTo(2));
        Assert.That(a.Version, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void NullIsNeverAlive()
    {
        using var world = World.Create();
        world.Create();
        Assert.That(Entity.Null.IsNull, Is.True);
        Assert.That(world.IsAlive(Entity.Null), Is.False);
        var ex = Assert.Throws<DeadEntityException>(() => world.Get<Position>(Entity.Null));
        Assert.That(ex!.Message, Does.Contain("Entity.Null"));
    }

    [Test]
    public void DestroyMakesHandleDeadAndFreesSlot()
    {
        using var world = World.Create();
        var e = world.Create(new Position(1, 2, 3));
        world.Destroy(e);
        Assert.That(world.IsAlive(e), Is.False);
        Assert.That(world.Size, Is.EqualTo(0));
        var ex = Assert.Throws<DeadEntityException>(() => world.Destroy(e));
        Assert.That(ex!.Entity, Is.EqualTo(e));
        Assert.That(ex.Message, Does.Contain($"Entity({e.Id} v{e.Version})").And.Contain("destroyed"));
    }

    [Test]
    public void StaleHandleIsDetectedAfterSlotReuse()
    {
        using var world = World.Create();
        var old = world.Create(new Health(1));
        world.Destroy(old);
        var reused = world.Create(new Health(2));
        Assert.That(reused.Id, Is.EqualTo(old.Id), "the free slot is reused");
        Assert.That(reused.Version, Is.Not.EqualTo(old.Version));
        Assert.That(world.IsAlive(old), Is.False);
        var ex = Assert.Throws<DeadEntityException>(() => world.Set(old, new Health(99)));
        Assert.That(ex!.Message, Does.Contain("stale").And.Contain("Health"));
        Assert.That(world.Get<Health>(reused).Value, Is.EqualTo(2), "the stale write did not reach the new owner");
    }

    [Test]
    public void GarbageIdsAreRejected()
    {
        using var world = World.Create();
        Assert.That(world.IsAlive(new Entity(12345, 1)), Is.False);
        Assert.That(world.IsAlive(new Entity(-3, 0)), Is.False);
        var ex = Assert.Throws<DeadEntityException>(() => world.Has<Position>(new Entity(12345, 1)));
        Assert.That(ex!.Message, Does.Contain("12345"));
    }

    [Test]
    public void DestroyKeepsOtherEntitiesIntact()
    {
        using var world = World.Create(chunkBytes: 256, maxChunkBytes: 256);
        var entities = Enumerable.Range(0, 100).Select(i => world.Create(new Health(i))).ToList();
        for (int i = 0; i < 100; i += 3) world.Destroy(entities[i]);
        for (int i = 0; i < 100; i++)
        {
            if (i % 3 == 0) Assert.That(world.IsAlive(entities[i]), Is.False);
            else Assert.That(world.Get<Health>(entities[i]).Value, Is.EqualTo(i));
        }
        Assert.That(world.Size, Is.EqualTo(100 - 34));
    }

    [Test]
    public void VersionAndCapacityAreReported()
    {
        using var world = World.Create();
        var e = world.Create();
        Assert.That(world.GetVersion(e.Id), Is.EqualTo(e.Version));
        world.Destroy(e);
        Assert.That(world.GetVersion(e.Id), Is.EqualTo(e.Version + 1));
        Assert.That(world.Capacity, Is.EqualTo(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => world.GetVersion(5));
    }

    [Test]
    public void ClearDestroysEverything()
    {
        using var world = World.Create();
        var a = world.Create(new Position());
        var b = world.Create(new Velocity());
        world.Clear();
        Assert.That(world.Size, Is.EqualTo(0));
        Assert.That(world.IsAlive(a) || world.IsAlive(b), Is.False);
        Assert.That(world.CountEntities(QueryDescription.Everything), Is.EqualTo(0));
        var c = world.Create(new Position(5, 0, 0));
        Assert.That(world.Get<Position>(c).X, Is.EqualTo(5));
    }

    [Test]
    public void DisposedWorldRejectsUse()
    {
        var world = World.Create();
        var e = world.Create(new Health(1));
        var query = world.Query(new QueryDescription().WithAll<Health>());
        world.Dispose();
        Assert.That(world.IsAlive(e), Is.False);
        Assert.Throws<ObjectDisposedException>(() => world.Create());
        Assert.Throws<ObjectDisposedException>(() => world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) => { }));
        Assert.Throws<DeadEntityException>(() => world.Get<Health>(e));
        Assert.That(query.Count(), Is.EqualTo(0));
    }

    [Test]
    public void EntityEqualityAndFormatting()
    {
        var a = new Entity(3, 2);
        Assert.That(a, Is.EqualTo(new Entity(3, 2)));
        Assert.That(a == new Entity(3, 1), Is.False);
        Assert.That(a != new Entity(4, 2), Is.True);
        Assert.That(a.ToString(), Is.EqualTo("Entity(3 v2)"));
        Assert.That(a.CompareTo(new Entity(3, 5)), Is.LessThan(0));
        Assert.That(new Entity(-1, 0).IsDeferred, Is.True);
    }

    [Test]
    public void ChunkBudgetIsValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => World.Create(8));
    }
}

/// <summary>A class with a property named like its type ("Color Color"), as systems have.</summary>
public class ColorColorTests
{
    private World World { get; set; } = null!;

    [Test]
    public void StaticFactoryWinsInsideAClassWithAWorldProperty()
    {
        World = World.Create();
        Assert.That(World, Is.Not.Null);
        var e = World.Create(ComponentType.Of<Health>());
        var empty = World.Create();
        Assert.That(empty, Is.TypeOf<World>(), "World.Create() is the factory even here");
        Assert.That(World.IsAlive(e), Is.True);
        empty.Dispose();
        World.Dispose();
    }
}
