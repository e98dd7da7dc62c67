// Structural changes while a query iterates must throw (not move rows under the loop) and the guard must be released.
namespace Engine.Ecs.Tests;

public class StructuralGuardTests
{
    [Test]
    public void EveryStructuralOperationThrowsDuringALambdaQuery()
    {
        using var world = World.Create();
        var e = world.Create(new Health(1));
        var q = new QueryDescription().WithAll<Health>();
        Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.Create()));
        Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.Create(new Mass())));
        Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.CreateMany(3, Signature.Empty)));
        Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.Destroy(e)));
        Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.Add(e, new Mass())));
        var ex = Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.Remove<Health>(e)));
        Assert.That(ex!.Message, Does.Contain("CommandBuffer").And.Contain("Health").And.Contain(e.ToString()));
        Assert.Throws<StructuralChangeException>(() => world.Query(q, (ref Health _) => world.Clear()));
        Assert.That(world.IsIterating, Is.False);
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(1));
        Assert.That(world.Size, Is.EqualTo(1));
    }

    [Test]
    public void GetAndSetAreAllowedDuringIteration()
    {
        using var world = World.Create();
        var a = world.Create(new Health(1));
        var b = world.Create(new Health(2));
        world.Query(new QueryDescription().WithAll<Health>(), (Entity e, ref Health h) =>
        {
            var other = e == a ? b : a;
            h.Value += world.Get<Health>(other).Value * 10;
        });
        Assert.That(world.Get<Health>(a).Value + world.Get<Health>(b).Value, Is.GreaterThan(3));
    }

    [Test]
    public void ChunkLoopHoldsTheGuardUntilItEnds()
    {
        using var world = World.Create();
        world.Create(new Health(1));
        world.Create(new Health(2), new Mass());
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Health>()))
        {
            Assert.That(world.IsIterating, Is.True);
            Assert.Throws<StructuralChangeException>(() => world.Destroy(chunk.Entities[0]));
        }
        Assert.That(world.IsIterating, Is.False);
        foreach (var _ in world.Query(new QueryDescription().WithAll<Health>())) break;
        Assert.That(world.IsIterating, Is.False, "break disposes the enumerator");
        world.Create();
    }

    [Test]
    public void GuardIsReleasedWhenTheCallbackThrows()
    {
        using var world = World.Create();
        world.Create(new Health(1));
        Assert.Throws<InvalidOperationException>(() =>
            world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) => throw new InvalidOperationException("x")));
        Assert.That(world.IsIterating, Is.False);
        world.Create();
    }

    [Test]
    public void NestedQueriesAreAllowed()
    {
        using var world = World.Create();
        world.CreateMany(3, Signature.Of<Health>());
        int pairs = 0;
        world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) =>
            world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) => pairs++));
        Assert.That(pairs, Is.EqualTo(9));
        Assert.That(world.IsIterating, Is.False);
    }
}
