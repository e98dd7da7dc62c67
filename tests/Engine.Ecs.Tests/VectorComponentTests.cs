// Vector components: a type registered with width W stores W contiguous elements per entity.
namespace Engine.Ecs.Tests;

public class VectorComponentTests
{
    private const int D = 8;

    private static World MakeWorld()
    {
        var world = World.Create(chunkBytes: 1024, maxChunkBytes: 1024);
        world.Register<Latent>(D);
        return world;
    }

    [Test]
    public void EachEntityStoresWidthElements()
    {
        using var world = MakeWorld();
        var entities = world.CreateMany(100, Signature.Of<Latent, Health>());
        for (int i = 0; i < entities.Length; i++)
        {
            var v = world.GetVector<Latent>(entities[i]);
            Assert.That(v.Length, Is.EqualTo(D));
            for (int d = 0; d < D; d++) v[d] = new Latent(i * 100 + d);
            world.Set(entities[i], new Health(i));
        }
        for (int i = 0; i < entities.Length; i++)
        {
            var v = world.GetVector<Latent>(entities[i]);
            for (int d = 0; d < D; d++) Assert.That(v[d].Value, Is.EqualTo(i * 100 + d));
            Assert.That(world.Get<Health>(entities[i]).Value, Is.EqualTo(i));
        }
    }

    [Test]
    public void ChunkVectorSpanIsCountTimesWidth()
    {
        using var world = MakeWorld();
        var entities = world.CreateMany(50, Signature.Of<Latent>());
        for (int i = 0; i < 50; i++) world.GetVector<Latent>(entities[i]).Fill(new Latent(i));
        int seen = 0;
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Latent>()))
        {
            var column = chunk.GetVectorSpan<Latent>();
            Assert.That(column.Length, Is.EqualTo(chunk.Count * D));
            Assert.That(chunk.GetWidth<Latent>(), Is.EqualTo(D));
            for (int r = 0; r < chunk.Count; r++)
            {
                int id = Array.IndexOf(entities, chunk.Entities[r]);
                var row = chunk.GetVectorRow<Latent>(r);
                Assert.That(row.Length, Is.EqualTo(D));
                Assert.That(row[0].Value, Is.EqualTo(id));
                Assert.That(column[r * D + D - 1].Value, Is.EqualTo(id));
            }
            seen += chunk.Count;
        }
        Assert.That(seen, Is.EqualTo(50));
    }

    [Test]
    public void VectorsSurviveMovesAndSwapRemoval()
    {
        using var world = MakeWorld();
        var entities = world.CreateMany(40, Signature.Of<Latent>());
        for (int i = 0; i < 40; i++) world.GetVector<Latent>(entities[i]).Fill(new Latent(i));
        for (int i = 0; i < 40; i += 3) world.Destroy(entities[i]);
        for (int i = 1; i < 40; i += 3) world.Add(entities[i], new Health(i));
        for (int i = 0; i < 40; i++)
        {
            if (i % 3 == 0) continue;
            var v = world.GetVector<Latent>(entities[i]);
            Assert.That(v.ToArray().All(x => x.Value == i), Is.True, $"entity {i}");
        }
    }

    [Test]
    public void AddAndSetVectorCheckTheLength()
    {
        using var world = MakeWorld();
        var e = world.Create(new Health(1));
        var ex = Assert.Throws<ComponentWidthException>(() => world.Add<Latent>(e, new Latent[D - 1]));
        Assert.That(ex!.Message, Does.Contain("Latent").And.Contain(e.ToString()).And.Contain($"width {D}"));
        Assert.That(world.Has<Latent>(e), Is.False, "a failed add changes nothing");
        var values = Enumerable.Range(0, D).Select(i => new Latent(i)).ToArray();
        world.Add<Latent>(e, values);
        Assert.That(world.GetVector<Latent>(e)[D - 1].Value, Is.EqualTo(D - 1));
        Assert.Throws<ComponentWidthException>(() => world.SetVector<Latent>(e, new Latent[D + 1]));
        world.SetVector<Latent>(e, values.Reverse().ToArray());
        Assert.That(world.GetVector<Latent>(e)[0].Value, Is.EqualTo(D - 1));
    }

    [Test]
    public void ScalarAccessToAVectorIsAWidthError()
    {
        using var world = MakeWorld();
        var e = world.Create(Signature.Of<Latent>());
        var ex = Assert.Throws<ComponentWidthException>(() => world.Get<Latent>(e));
        Assert.That(ex!.Message, Does.Contain("Latent").And.Contain(e.ToString()).And.Contain("GetVector"));
        Assert.That(ex.Width, Is.EqualTo(D));
        Assert.Throws<ComponentWidthException>(() => world.Set(e, new Latent(1)));
        Assert.Throws<ComponentWidthException>(() => world.Create(new Latent(1)));
        Assert.Throws<ComponentWidthException>(() => world.Add(world.Create(), new Latent(1)));
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Latent>()))
        {
            Assert.Throws<ComponentWidthException>(() => chunk.GetSpan<Latent>());
        }
        Assert.Throws<ComponentWidthException>(() => world.Query(new QueryDescription().WithAll<Latent>(), (ref Latent _) => { }));
    }

    [Test]
    public void WidthIsFixedOnceUsed()
    {
        using var world = World.Create();
        world.Create(new Code(1));
        var ex = Assert.Throws<ComponentWidthException>(() => world.Register<Code>(4));
        Assert.That(ex!.Message, Does.Contain("Code").And.Contain("width 1"));
        world.Register<Code>(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Register<Mass>(0));
    }

    [Test]
    public void ReRegisteringTheSameWidthIsAllowedButNotAnother()
    {
        using var world = World.Create();
        world.Register<Code>(3);
        world.Register<Code>(3);
        Assert.That(world.Components.GetWidth<Code>(), Is.EqualTo(3));
        Assert.That(world.Components.IsRegistered<Code>(), Is.True);
        Assert.That(world.Components.IsRegistered<Mass>(), Is.False);
        Assert.Throws<ComponentWidthException>(() => world.Register<Code>(2));
    }

    [Test]
    public void WidthsArePerWorld()
    {
        using var a = World.Create();
        using var b = World.Create();
        a.Register<Code>(2);
        b.Register<Code>(5);
        Assert.That(a.GetVector<Code>(a.Create(Signature.Of<Code>())).Length, Is.EqualTo(2));
        Assert.That(b.GetVector<Code>(b.Create(Signature.Of<Code>())).Length, Is.EqualTo(5));
    }

    [Test]
    public void ScalarComponentAsVectorHasLengthOne()
    {
        using var world = World.Create();
        var e = world.Create(new Health(4));
        var v = world.GetVector<Health>(e);
        Assert.That(v.Length, Is.EqualTo(1));
        Assert.That(v[0].Value, Is.EqualTo(4));
    }

    [Test]
    public void WideRowsGetAtLeastOneEntityPerChunk()
    {
        using var world = World.Create(chunkBytes: 64, maxChunkBytes: 64);
        world.Register<Latent>(100);
        var entities = world.CreateMany(3, Signature.Of<Latent>());
        for (int i = 0; i < 3; i++) world.GetVector<Latent>(entities[i])[99] = new Latent(i);
        for (int i = 0; i < 3; i++) Assert.That(world.GetVector<Latent>(entities[i])[99].Value, Is.EqualTo(i));
        Assert.That(world.Query(new QueryDescription().WithAll<Latent>()).ChunkCount(), Is.EqualTo(3));
    }
}
