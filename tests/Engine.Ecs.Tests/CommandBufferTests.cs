// CommandBuffer: structural changes recorded during iteration and applied by Playback in order.
namespace Engine.Ecs.Tests;

public class CommandBufferTests
{
    [Test]
    public void DestroyAndAddDuringIterationThroughTheBuffer()
    {
        using var world = World.Create(chunkBytes: 256, maxChunkBytes: 256);
        var entities = new Entity[200];
        world.Create(entities, new Health(0));
        for (int i = 0; i < 200; i++) world.Set(entities[i], new Health(i));
        var buffer = new CommandBuffer();
        world.Query(new QueryDescription().WithAll<Health>(), (Entity e, ref Health h) =>
        {
            if (h.Value % 2 == 0) buffer.Destroy(e);
            else if (h.Value % 3 == 0) buffer.Add(e, new Mass(h.Value));
        });
        Assert.That(world.Size, Is.EqualTo(200), "nothing changes before playback");
        Assert.That(buffer.Count, Is.EqualTo(100 + 33));
        buffer.Playback(world);
        Assert.That(buffer.Count, Is.EqualTo(0));
        Assert.That(world.Size, Is.EqualTo(100));
        for (int i = 0; i < 200; i++)
        {
            Assert.That(world.IsAlive(entities[i]), Is.EqualTo(i % 2 == 1));
            if (i % 2 == 1) Assert.That(world.Has<Mass>(entities[i]), Is.EqualTo(i % 3 == 0));
            if (i % 2 == 1 && i % 3 == 0) Assert.That(world.Get<Mass>(entities[i]).Value, Is.EqualTo(i));
        }
    }

    [Test]
    public void ChunkLoopRecordsAndPlaysBack()
    {
        using var world = World.Create();
        world.CreateMany(50, Signature.Of<Health>());
        var buffer = new CommandBuffer();
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Health>()))
            foreach (var e in chunk.Entities) buffer.Remove<Health>(e);
        buffer.Playback(world);
        Assert.That(world.CountEntities(new QueryDescription().WithAll<Health>()), Is.EqualTo(0));
        Assert.That(world.Size, Is.EqualTo(50));
    }

    [Test]
    public void CreatePlaceholdersResolveAtPlayback()
    {
        using var world = World.Create();
        var buffer = new CommandBuffer();
        var a = buffer.Create(ComponentType.Of<Position>());
        var b = buffer.Create();
        var c = buffer.Create(Signature.Of<Health>());
        Assert.That(a.IsDeferred && b.IsDeferred && c.IsDeferred, Is.True);
        buffer.Set(a, new Position(1, 2, 3));
        buffer.Add(b, new Health(7));
        buffer.Add(a, new Mass(2));
        buffer.Destroy(c);
        Assert.That(world.IsAlive(a), Is.False);
        buffer.Playback(world);
        Assert.That(world.Size, Is.EqualTo(2));
        var positions = new List<Entity>();
        world.GetEntities(new QueryDescription().WithAll<Position, Mass>(), positions);
        Assert.That(positions, Has.Count.EqualTo(1));
        Assert.That(world.Get<Position>(positions[0]).Y, Is.EqualTo(2));
        Assert.That(world.Get<Mass>(positions[0]).Value, Is.EqualTo(2));
        var healthy = new List<Entity>();
        world.GetEntities(new QueryDescription().WithAll<Health>(), healthy);
        Assert.That(world.Get<Health>(healthy.Single()).Value, Is.EqualTo(7));
    }

    [Test]
    public void CommandsApplyInRecordingOrder()
    {
        using var world = World.Create();
        var e = world.Create(new Health(1));
        var buffer = new CommandBuffer();
        buffer.Set(e, new Health(2));
        buffer.Remove<Health>(e);
        buffer.Add(e, new Health(3));
        buffer.Set(e, new Health(4));
        buffer.Playback(world);
        Assert.That(world.Get<Health>(e).Value, Is.EqualTo(4));
    }

    [Test]
    public void VectorCommandsCheckWidthAtPlayback()
    {
        using var world = World.Create();
        world.Register<Latent>(4);
        var e = world.Create(new Health(1));
        var buffer = new CommandBuffer();
        buffer.Add<Latent>(e, [new Latent(1), new Latent(2), new Latent(3), new Latent(4)]);
        buffer.SetVector<Latent>(e, [new Latent(5), new Latent(6), new Latent(7), new Latent(8)]);
        buffer.Playback(world);
        Assert.That(world.GetVector<Latent>(e).ToArray().Select(l => l.Value), Is.EqualTo(new float[] { 5, 6, 7, 8 }));
        buffer.Set(e, new Latent(9));
        var ex = Assert.Throws<ComponentWidthException>(() => buffer.Playback(world));
        Assert.That(ex!.Message, Does.Contain("Latent").And.Contain(e.ToString()));
        Assert.That(world.GetVector<Latent>(e)[0].Value, Is.EqualTo(5), "the bad command wrote nothing");
        var other = world.Create();
        buffer.Add(other, new Latent(1));
        Assert.Throws<ComponentWidthException>(() => buffer.Playback(world));
        Assert.That(world.Has<Latent>(other), Is.False);
    }

    [Test]
    public void PlaybackOfAStaleEntityThrowsAndClears()
    {
        using var world = World.Create();
        var e = world.Create(new Health(1));
        var buffer = new CommandBuffer();
        buffer.Destroy(e);
        buffer.Destroy(e);
        buffer.Create();
        Assert.Throws<DeadEntityException>(() => buffer.Playback(world));
        Assert.That(buffer.Count, Is.EqualTo(0));
        Assert.That(world.Size, Is.EqualTo(0), "the first destroy applied, the rest were dropped");
    }

    [Test]
    public void PlaybackDuringIterationIsRefused()
    {
        using var world = World.Create();
        world.Create(new Health(1));
        var buffer = new CommandBuffer();
        buffer.Create();
        Assert.Throws<StructuralChangeException>(() =>
            world.Query(new QueryDescription().WithAll<Health>(), (ref Health _) => buffer.Playback(world)));
    }

    [Test]
    public void RecordingRejectsForeignHandles()
    {
        var buffer = new CommandBuffer();
        Assert.Throws<ArgumentException>(() => buffer.Destroy(Entity.Null));
        Assert.Throws<ArgumentException>(() => buffer.Add(new Entity(-5, 0), new Health()));
        buffer.Create();
        buffer.Clear();
        Assert.That(buffer.Count, Is.EqualTo(0));
        Assert.Throws<ArgumentException>(() => buffer.Destroy(new Entity(-1, 0)), "cleared placeholders are gone");
    }

    [Test]
    public void ParallelRecordingLosesNothing()
    {
        using var world = World.Create(chunkBytes: 1024, maxChunkBytes: 1024);
        var entities = new Entity[5000];
        world.Create(entities, new Health(1));
        var buffer = new CommandBuffer();
        world.ParallelQuery(new QueryDescription().WithAll<Health>(), (Entity e, ref Health _) =>
        {
            buffer.Add(e, new Mass(e.Id));
            buffer.Create(ComponentType.Of<Frozen>());
        });
        Assert.That(buffer.Count, Is.EqualTo(10000));
        buffer.Playback(world);
        Assert.That(world.Size, Is.EqualTo(10000));
        Assert.That(entities.All(e => world.Get<Mass>(e).Value == e.Id), Is.True);
        Assert.That(world.CountEntities(new QueryDescription().WithAll<Frozen>()), Is.EqualTo(5000));
    }
}
