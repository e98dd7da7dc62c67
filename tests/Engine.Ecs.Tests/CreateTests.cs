// Entity creation: generic arities, by signature / type list, bulk creation, chunk filling.
namespace Engine.Ecs.Tests;

public class CreateTests
{
    [Test]
    public void CreateWithOneToFourComponents()
    {
        using var world = World.Create();
        var e1 = world.Create(new Health(1));
        var e2 = world.Create(new Health(2), new Mass(2.5));
        var e3 = world.Create(new Health(3), new Mass(3.5), new Position(3, 0, 0));
        var e4 = world.Create(new Health(4), new Mass(4.5), new Position(4, 0, 0), new Velocity(0, 4, 0));
        Assert.That(world.Get<Health>(e1).Value, Is.EqualTo(1));
        Assert.That(world.Get<Mass>(e2).Value, Is.EqualTo(2.5));
        Assert.That(world.Get<Position>(e3).X, Is.EqualTo(3));
        Assert.That(world.Get<Velocity>(e4).Y, Is.EqualTo(4));
        Assert.That(world.GetSignature(e4).Count, Is.EqualTo(4));
        Assert.That(world.ArchetypeCount, Is.EqualTo(4));
    }

    [Test]
    public void TypeArgumentOrderDoesNotMatter()
    {
        using var world = World.Create();
        var a = world.Create(new Health(1), new Mass(1));
        var b = world.Create(new Mass(2), new Health(2));
        Assert.That(world.GetSignature(a), Is.EqualTo(world.GetSignature(b)));
        Assert.That(world.ArchetypeCount, Is.EqualTo(1));
    }

    [Test]
    public void CreateBySignatureAndTypeListIsZeroed()
    {
        using var world = World.Create();
        var a = world.Create(Signature.Of<Position, Health>());
        var b = world.Create(ComponentType.Of<Position>(), ComponentType.Of<Health>());
        var empty = world.Create();
        Assert.That(world.Get<Health>(a).Value, Is.EqualTo(0));
        Assert.That(world.Get<Position>(b).X, Is.EqualTo(0));
        Assert.That(world.GetSignature(a), Is.EqualTo(world.GetSignature(b)));
        Assert.That(world.GetSignature(empty).IsEmpty, Is.True);
    }

    [Test]
    public void DuplicateTypesAreRejected()
    {
        using var world = World.Create();
        Assert.Throws<DuplicateComponentException>(() => world.Create(new Health(1), new Health(2)));
        Assert.Throws<DuplicateComponentException>(() => world.Create(ComponentType.Of<Mass>(), ComponentType.Of<Mass>()));
        Assert.Throws<DuplicateComponentException>(() => Signature.Of<Mass, Mass>());
        Assert.That(world.Size, Is.EqualTo(0));
    }

    [Test]
    public void BulkCreateSetsEveryEntity([Values(1, 2, 3, 4)] int arity)
    {
        using var world = World.Create(chunkBytes: 1024, maxChunkBytes: 1024);
        var entities = new Entity[1000];
        switch (arity)
        {
            case 1: world.Create(entities, new Health(7)); break;
            case 2: world.Create(entities, new Health(7), new Mass(1.5)); break;
            case 3: world.Create(entities, new Health(7), new Mass(1.5), new Position(1, 2, 3)); break;
            default: world.Create(entities, new Health(7), new Mass(1.5), new Position(1, 2, 3), new Velocity(4, 5, 6)); break;
        }
        Assert.That(entities.Distinct().Count(), Is.EqualTo(1000));
        Assert.That(world.Size, Is.EqualTo(1000));
        foreach (var e in entities)
        {
            Assert.That(world.Get<Health>(e).Value, Is.EqualTo(7));
            if (arity >= 2) Assert.That(world.Get<Mass>(e).Value, Is.EqualTo(1.5));
            if (arity >= 3) Assert.That(world.Get<Position>(e).Z, Is.EqualTo(3));
            if (arity >= 4) Assert.That(world.Get<Velocity>(e).X, Is.EqualTo(4));
        }
    }

    [Test]
    public void BulkCreateReusesFreeSlotsAndClearsRecycledRows()
    {
        using var world = World.Create(chunkBytes: 256, maxChunkBytes: 256);
        var first = new Entity[100];
        world.Create(first, new Health(5));
        for (int i = 0; i < 100; i += 2) world.Destroy(first[i]);
        var second = world.CreateMany(80, Signature.Of<Health>());
        Assert.That(world.Size, Is.EqualTo(130));
        Assert.That(world.Capacity, Is.EqualTo(130), "50 freed slots were reused before new ones");
        foreach (var e in second) Assert.That(world.Get<Health>(e).Value, Is.EqualTo(0));
        for (int i = 1; i < 100; i += 2) Assert.That(world.Get<Health>(first[i]).Value, Is.EqualTo(5));
        foreach (var e in first.Where((_, i) => i % 2 == 0)) Assert.That(world.IsAlive(e), Is.False);
    }

    [Test]
    public void BulkCreateAppendsAfterPartlyFilledChunk()
    {
        using var world = World.Create(chunkBytes: 256, maxChunkBytes: 256);
        var single = world.Create(new Health(1), new Mass(1));
        var bulk = new Entity[57];
        world.Create(bulk, new Health(2), new Mass(2));
        Assert.That(world.Get<Health>(single).Value, Is.EqualTo(1));
        Assert.That(bulk.All(e => world.Get<Health>(e).Value == 2), Is.True);
        int total = 0;
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Health>()))
        {
            Assert.That(chunk.Count, Is.LessThanOrEqualTo(chunk.Capacity));
            total += chunk.Count;
        }
        Assert.That(total, Is.EqualTo(58));
    }

    [Test]
    public void ChunksAreFilledToCapacity()
    {
        using var world = World.Create(chunkBytes: 1024, maxChunkBytes: 1024);
        world.CreateMany(500, Signature.Of<Position, Velocity>());
        var query = world.Query(new QueryDescription().WithAll<Position, Velocity>());
        int capacity = 0;
        foreach (var chunk in query) capacity = chunk.Capacity;
        Assert.That(capacity, Is.EqualTo(1024 / (8 + 12 + 12)));
        Assert.That(query.ChunkCount(), Is.EqualTo((500 + capacity - 1) / capacity));
    }

    [Test]
    public void CreateManyRejectsNegativeCount()
    {
        using var world = World.Create();
        Assert.Throws<ArgumentOutOfRangeException>(() => world.CreateMany(-1, Signature.Empty));
        Assert.That(world.CreateMany(0, Signature.Empty), Is.Empty);
    }
}

public class ChunkGrowthTests
{
    [Test]
    public void ChunksGrowGeometricallyUpToTheMaximum()
    {
        using var world = World.Create(chunkBytes: 32 * 16, maxChunkBytes: 32 * 128);
        world.CreateMany(1000, Signature.Of<Position, Velocity>());
        var capacities = new List<int>();
        int rows = 0;
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Position, Velocity>()))
        {
            capacities.Add(chunk.Capacity);
            rows += chunk.Count;
        }
        Assert.That(rows, Is.EqualTo(1000));
        Assert.That(capacities.Take(6), Is.EqualTo(new[] { 16, 16, 32, 64, 128, 128 }), "bytes per entity = 8 + 12 + 12");
        Assert.That(capacities.All(c => c <= 128), Is.True);
    }

    [Test]
    public void DefaultsStartSmallAndGrowToOneMebibyte()
    {
        using var world = World.Create();
        Assert.That(world.ChunkBytes, Is.EqualTo(World.DefaultChunkBytes));
        Assert.That(world.MaxChunkBytes, Is.EqualTo(World.DefaultMaxChunkBytes));
        world.CreateMany(100_000, Signature.Of<Position, Velocity>());
        int largest = 0, smallest = int.MaxValue;
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Position>()))
        {
            largest = Math.Max(largest, chunk.Capacity);
            smallest = Math.Min(smallest, chunk.Capacity);
        }
        Assert.That(smallest, Is.EqualTo(16 * 1024 / 32));
        Assert.That(largest, Is.EqualTo(1024 * 1024 / 32));
        Assert.That(World.Create(4 << 20).MaxChunkBytes, Is.EqualTo(4 << 20), "a first budget above the default maximum raises it");
        Assert.Throws<ArgumentOutOfRangeException>(() => World.Create(4096, 1024));
    }

    [Test]
    public void SwapRemovalAcrossChunksOfDifferentSizes()
    {
        using var world = World.Create(chunkBytes: 64, maxChunkBytes: 1024);
        var entities = new Entity[300];
        world.Create(entities, new Health(0));
        for (int i = 0; i < entities.Length; i++) world.Set(entities[i], new Health(i));
        for (int i = 0; i < entities.Length; i += 4) world.Destroy(entities[i]);
        for (int i = 0; i < 40; i++) world.Create(new Health(-1));
        for (int i = 0; i < entities.Length; i++)
            if (i % 4 != 0) Assert.That(world.Get<Health>(entities[i]).Value, Is.EqualTo(i));
        int total = 0;
        var chunks = new List<(int Count, int Capacity)>();
        foreach (var chunk in world.Query(new QueryDescription().WithAll<Health>()))
        {
            chunks.Add((chunk.Count, chunk.Capacity));
            total += chunk.Count;
        }
        Assert.That(total, Is.EqualTo(300 - 75 + 40));
        Assert.That(chunks.Take(chunks.Count - 1).All(c => c.Count == c.Capacity), Is.True, "every chunk but the last is full");
    }
}
