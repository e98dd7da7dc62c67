// Component access on single entities: Get by ref, Set, Has, TryGet, Add, Remove and their bad-use errors.
namespace Engine.Ecs.Tests;

public class ComponentTests
{
    [Test]
    public void GetReturnsAReferenceIntoStorage()
    {
        using var world = World.Create();
        var e = world.Create(new Position(1, 2, 3), new Velocity(4, 5, 6));
        ref var p = ref world.Get<Position>(e);
        p.X = 10;
        Assert.That(world.Get<Position>(e).X, Is.EqualTo(10));
        Assert.That(world.Get<Velocity>(e).Z, Is.EqualTo(6));
    }

    [Test]
    public void SetOverwrites()
    {
        using var world = World.Create();
        var e = world.Create(new Health(1));
        world.Set(e, new Health(7));
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(7));
    }

    [Test]
    public void HasAndTryGet()
    {
        using var world = World.Create();
        var e = world.Create(new Health(3));
        Assert.That(world.Has<Health>(e), Is.True);
        Assert.That(world.Has<Mass>(e), Is.False);
        Assert.That(world.Has(e, ComponentType.Of<Health>()), Is.True);
        Assert.That(world.TryGet<Health>(e, out var h) && h.Value == 3, Is.True);
        Assert.That(world.TryGet<Mass>(e, out var m), Is.False);
        Assert.That(m.Value, Is.EqualTo(0));
    }

    [Test]
    public void AddMovesEntityAndKeepsValues()
    {
        using var world = World.Create();
        var e = world.Create(new Position(1, 2, 3));
        world.Add(e, new Velocity(4, 5, 6));
        world.Add<Mass>(e);
        Assert.That(world.Get<Position>(e).Y, Is.EqualTo(2));
        Assert.That(world.Get<Velocity>(e).X, Is.EqualTo(4));
        Assert.That(world.Get<Mass>(e).Value, Is.EqualTo(0), "added without a value means zero");
        Assert.That(world.GetSignature(e), Is.EqualTo(Signature.Of<Position, Velocity, Mass>()));
    }

    [Test]
    public void RemoveKeepsTheOtherComponents()
    {
        using var world = World.Create();
        var e = world.Create(new Position(1, 2, 3), new Velocity(4, 5, 6), new Health(9));
        world.Remove<Velocity>(e);
        Assert.That(world.Has<Velocity>(e), Is.False);
        Assert.That(world.Get<Position>(e).Z, Is.EqualTo(3));
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(9));
    }

    [Test]
    public void AddThenRemoveReusesArchetypes()
    {
        using var world = World.Create();
        var e = world.Create(new Position());
        world.Add(e, new Health(1));
        int archetypes = world.ArchetypeCount;
        for (int i = 0; i < 10; i++)
        {
            world.Remove<Health>(e);
            world.Add(e, new Health(i));
        }
        Assert.That(world.ArchetypeCount, Is.EqualTo(archetypes));
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(9));
    }

    [Test]
    public void ReusedRowsStartAtZero()
    {
        using var world = World.Create();
        var a = world.Create(new Health(42));
        world.Destroy(a);
        var b = world.Create(Signature.Of<Health>());
        Assert.That(world.Get<Health>(b).Value, Is.EqualTo(0), "a recycled row must not leak the old value");
        var c = world.Create(new Position(1, 1, 1));
        world.Add<Health>(c);
        Assert.That(world.Get<Health>(c).Value, Is.EqualTo(0));
    }

    [Test]
    public void MissingComponentNamesEntityAndComponent()
    {
        using var world = World.Create();
        var e = world.Create(new Position());
        var ex = Assert.Throws<MissingComponentException>(() => world.Get<Velocity>(e));
        Assert.That(ex!.Message, Does.Contain(e.ToString()).And.Contain("Velocity").And.Contain("Position"));
        Assert.That(ex.Entity, Is.EqualTo(e));
        Assert.That(ex.Component, Is.EqualTo(ComponentType.Of<Velocity>()));
        Assert.Throws<MissingComponentException>(() => world.Set(e, new Velocity()));
        Assert.Throws<MissingComponentException>(() => world.Remove<Velocity>(e));
    }

    [Test]
    public void DuplicateAddIsRejected()
    {
        using var world = World.Create();
        var e = world.Create(new Health(5));
        var ex = Assert.Throws<DuplicateComponentException>(() => world.Add(e, new Health(6)));
        Assert.That(ex!.Message, Does.Contain("Health").And.Contain(e.ToString()));
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(5), "nothing changed");
    }

    [Test]
    public void DeadEntityOperationsThrowAndNameTheComponent()
    {
        using var world = World.Create();
        var e = world.Create(new Health(5));
        world.Destroy(e);
        Assert.That(Assert.Throws<DeadEntityException>(() => world.Get<Health>(e))!.Message, Does.Contain("Get<Health>"));
        Assert.Throws<DeadEntityException>(() => world.Add(e, new Mass()));
        Assert.Throws<DeadEntityException>(() => world.Remove<Health>(e));
        Assert.Throws<DeadEntityException>(() => world.TryGet<Health>(e, out _));
        Assert.Throws<DeadEntityException>(() => world.GetSignature(e));
    }

    [Test]
    public void NonGenericAddAndRemove()
    {
        using var world = World.Create();
        var e = world.Create();
        world.Add(e, ComponentType.Of<Mass>());
        Assert.That(world.Has<Mass>(e), Is.True);
        world.Remove(e, ComponentType.Of<Mass>());
        Assert.That(world.Has<Mass>(e), Is.False);
        Assert.That(world.GetSignature(e).IsEmpty, Is.True);
    }

    [Test]
    public void ManyEntitiesSurviveChurn()
    {
        using var world = World.Create(chunkBytes: 512, maxChunkBytes: 512);
        var list = new List<Entity>();
        for (int i = 0; i < 300; i++) list.Add(world.Create(new Health(i), new Position(i, 0, 0)));
        for (int i = 0; i < 300; i += 2) world.Add(list[i], new Mass(i));
        for (int i = 0; i < 300; i += 5) world.Remove<Position>(list[i]);
        for (int i = 0; i < 300; i++)
        {
            Assert.That(world.Get<Health>(list[i]).Value, Is.EqualTo(i));
            Assert.That(world.Has<Mass>(list[i]), Is.EqualTo(i % 2 == 0));
            Assert.That(world.Has<Position>(list[i]), Is.EqualTo(i % 5 != 0));
            if (i % 2 == 0) Assert.That(world.Get<Mass>(list[i]).Value, Is.EqualTo(i));
            if (i % 5 != 0) Assert.That(world.Get<Position>(list[i]).X, Is.EqualTo(i));
        }
    }
}
