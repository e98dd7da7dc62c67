// Columns-layout vectors and blocks: element k of every row contiguous; a block keeps creation order as row order;
// moves, swap-removes, command playback and per-element access keep every element with its entity.
namespace Engine.Ecs.Tests;

public class ColumnLayoutTests
{
    private const int D = 4;

    private static World MakeWorld()
    {
        var world = World.Create(chunkBytes: 1024, maxChunkBytes: 1024);
        world.Register<Latent>(D, VectorLayout.Columns);
        return world;
    }

    private static void Fill(World world, Entity[] entities)
    {
        for (int i = 0; i < entities.Length; i++)
            world.SetVector<Latent>(entities[i], [new(i * 10), new(i * 10 + 1), new(i * 10 + 2), new(i * 10 + 3)]);
    }

    private static void AssertElements(World world, Entity entity, int i)
    {
        for (int k = 0; k < D; k++) Assert.That(world.GetElement<Latent>(entity, k).Value, Is.EqualTo(i * 10 + k), $"entity {i} element {k}");
    }

    [Test]
    public void BlockRowsFollowCreationOrderAndElementSpansAreContiguous()
    {
        using var world = MakeWorld();
        var entities = new Entity[1000];
        Chunk block = world.CreateBlock(entities, Signature.Of<Latent, Health>());
        Assert.That(block.Count, Is.EqualTo(1000));
        Assert.That(block.Capacity, Is.EqualTo(1000), "a block is exactly as big as asked, whatever the chunk budget");
        Fill(world, entities);
        for (int k = 0; k < D; k++)
        {
            Span<Latent> column = block.GetElementSpan<Latent>(k);
            Assert.That(column.Length, Is.EqualTo(1000));
            for (int j = 0; j < 1000; j++) Assert.That(column[j].Value, Is.EqualTo(j * 10 + k));
        }
        Span<Latent> all = block.GetElementColumns<Latent>();
        Assert.That(all.Length, Is.EqualTo(D * 1000));
        Assert.That(all[3 * block.Capacity + 7].Value, Is.EqualTo(73));
    }

    [Test]
    public void RowAccessorsRefuseColumnsLayout()
    {
        using var world = MakeWorld();
        var entities = world.CreateMany(3, Signature.Of<Latent>());
        Assert.Throws<ComponentWidthException>(() => world.GetVector<Latent>(entities[0]));
        foreach (Chunk chunk in world.Query(new QueryDescription().WithAll<Latent>()))
        {
            Assert.Throws<ComponentWidthException>(() => chunk.GetVectorSpan<Latent>());
            Assert.Throws<ComponentWidthException>(() => chunk.GetVectorRow<Latent>(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => chunk.GetElementSpan<Latent>(D));
        }
        Assert.Throws<ComponentWidthException>(() => world.SetVector<Latent>(entities[0], [new(1)]));
    }

    [Test]
    public void InterleavedVectorsRefuseElementSpans()
    {
        using var world = World.Create();
        world.Register<Latent>(D);
        var entities = new Entity[4];
        Chunk block = world.CreateBlock(entities, Signature.Of<Latent>());
        Assert.Throws<ComponentWidthException>(() => block.GetElementSpan<Latent>(0));
        world.GetElement<Latent>(entities[2], 3) = new Latent(5);
        Assert.That(world.GetVector<Latent>(entities[2])[3].Value, Is.EqualTo(5), "GetElement reaches interleaved elements too");
    }

    [Test]
    public void ElementsFollowTheirEntityThroughRemovesAndArchetypeMoves()
    {
        using var world = MakeWorld();
        var entities = world.CreateMany(300, Signature.Of<Latent, Health>());
        Fill(world, entities);
        // Swap-removes move the archetype's last row into each hole.
        for (int i = 0; i < 300; i += 3) world.Destroy(entities[i]);
        // Moves to another archetype (and back) copy the cells element by element.
        for (int i = 1; i < 300; i += 3) world.Add(entities[i], new Mass());
        for (int i = 1; i < 300; i += 6) world.Remove<Mass>(entities[i]);
        for (int i = 0; i < 300; i++)
            if (i % 3 != 0) AssertElements(world, entities[i], i);
    }

    [Test]
    public void ReusedRowsStartZeroAndCommandPlaybackWritesElements()
    {
        using var world = MakeWorld();
        var entities = world.CreateMany(50, Signature.Of<Latent>());
        Fill(world, entities);
        foreach (var e in entities) world.Destroy(e);
        var again = world.CreateMany(50, Signature.Of<Latent>());
        foreach (var e in again)
            for (int k = 0; k < D; k++) Assert.That(world.GetElement<Latent>(e, k).Value, Is.Zero);
        var fresh = world.CreateMany(1, Signature.Of<Health>())[0];
        var commands = new CommandBuffer();
        commands.Add<Latent>(fresh, [new(70), new(71), new(72), new(73)]);
        commands.Playback(world);
        AssertElements(world, fresh, 7);
    }

    [Test]
    public void BlockGoesBeforeALastChunkWithRoomSoLaterCreatesFillIt()
    {
        using var world = MakeWorld();
        var first = world.CreateMany(5, Signature.Of<Latent>());
        var block = new Entity[64];
        world.CreateBlock(block, Signature.Of<Latent>());
        var later = world.CreateMany(3, Signature.Of<Latent>());
        Assert.That(world.Query(new QueryDescription().WithAll<Latent>()).Count(), Is.EqualTo(72));
        Fill(world, [.. first, .. block, .. later]);
        Entity[] all = [.. first, .. block, .. later];
        for (int i = 0; i < all.Length; i++) AssertElements(world, all[i], i);
    }

    [Test]
    public void ReregisteringWithAnotherLayoutIsRefused()
    {
        using var world = MakeWorld();
        Assert.DoesNotThrow(() => world.Register<Latent>(D, VectorLayout.Columns));
        Assert.Throws<ComponentWidthException>(() => world.Register<Latent>(D));
    }

    [Test]
    public void AColumnHandleSeesWhatTheChunkSpansSee()
    {
        using var world = MakeWorld();
        var entities = new Entity[10];
        Chunk block = world.CreateBlock(entities, Signature.Of<Latent, Health>());
        Fill(world, entities);
        ChunkColumn<Latent> latents = block.GetColumn<Latent>();
        ChunkColumn<Health> health = block.GetColumn<Health>();
        Assert.That(latents.Length, Is.EqualTo(D * 10));
        Assert.That(latents.Span[2 * block.Capacity + 4].Value, Is.EqualTo(42));
        health.Span[7] = new Health(9);
        Assert.That(world.Get<Health>(entities[7]).Value, Is.EqualTo(9));
        Assert.That(default(ChunkColumn<Health>).Span.IsEmpty, Is.True);
    }
}
