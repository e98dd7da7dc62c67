// Randomised model check: random create / destroy / add / remove / set (directly and through a CommandBuffer)
// against a Dictionary-based reference model, comparing the whole world after every few steps.
namespace Engine.Ecs.Tests;

public class ModelCheckTests
{
    private const int Width = 3;

    private static readonly ComponentType[] Types =
    [
        ComponentType.Of<Health>(), ComponentType.Of<Mass>(), ComponentType.Of<Position>(), ComponentType.Of<Latent>(),
    ];

    /// <summary>The reference: per live entity, per component type, one float that encodes its contents.</summary>
    private sealed class Model
    {
        public readonly Dictionary<Entity, Dictionary<ComponentType, float>> Live = [];
        public readonly List<Entity> Dead = [];
    }

    private static void Write(World world, Entity e, ComponentType type, float value)
    {
        if (type == ComponentType.Of<Health>()) world.Set(e, new Health((int)value));
        else if (type == ComponentType.Of<Mass>()) world.Set(e, new Mass(value));
        else if (type == ComponentType.Of<Position>()) world.Set(e, new Position(value, -value, 2 * value));
        else world.SetVector<Latent>(e, [new Latent(value), new Latent(value + 1), new Latent(value + 2)]);
    }

    private static float Read(World world, Entity e, ComponentType type)
    {
        if (type == ComponentType.Of<Health>()) return world.Get<Health>(e).Value;
        if (type == ComponentType.Of<Mass>()) return (float)world.Get<Mass>(e).Value;
        if (type == ComponentType.Of<Position>())
        {
            var p = world.Get<Position>(e);
            Assert.That(p.Y, Is.EqualTo(-p.X));
            Assert.That(p.Z, Is.EqualTo(2 * p.X));
            return p.X;
        }
        var v = world.GetVector<Latent>(e);
        Assert.That(v.Length, Is.EqualTo(Width));
        Assert.That(v[1].Value - v[0].Value, Is.EqualTo(1));
        Assert.That(v[2].Value - v[0].Value, Is.EqualTo(2));
        return v[0].Value;
    }

    private static void Verify(World world, Model model)
    {
        Assert.That(world.Size, Is.EqualTo(model.Live.Count));
        foreach (var (e, components) in model.Live)
        {
            Assert.That(world.IsAlive(e), Is.True, $"{e} should be alive");
            Assert.That(world.GetSignature(e), Is.EqualTo(new Signature(components.Keys.ToArray())), $"{e} signature");
            foreach (var (type, value) in components) Assert.That(Read(world, e, type), Is.EqualTo(value), $"{e} {type}");
        }
        foreach (var e in model.Dead) Assert.That(world.IsAlive(e), Is.False, $"{e} should be dead");
        foreach (var type in Types)
        {
            int expected = model.Live.Values.Count(c => c.ContainsKey(type));
            Assert.That(world.CountEntities(new QueryDescription().WithAll(type)), Is.EqualTo(expected), $"count {type}");
        }
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(42)]
    [TestCase(2024)]
    public void RandomOperationsMatchTheReferenceModel(int seed)
    {
        var random = new Random(seed);
        using var world = World.Create(chunkBytes: 64, maxChunkBytes: 1024);
        world.Register<Latent>(Width);
        var model = new Model();
        float next = 1;

        Entity PickLive() => model.Live.Keys.ElementAt(random.Next(model.Live.Count));

        for (int step = 0; step < 1500; step++)
        {
            int op = random.Next(100);
            if (op < 25 || model.Live.Count == 0)
            {
                var chosen = Types.Where(_ => random.Next(2) == 0).ToArray();
                var e = world.Create(chosen);
                var components = new Dictionary<ComponentType, float>();
                foreach (var t in chosen)
                {
                    if (t == ComponentType.Of<Latent>())
                        Assert.That(world.GetVector<Latent>(e).ToArray().All(l => l.Value == 0), Is.True, "new vectors start at zero");
                    else
                        Assert.That(Read(world, e, t), Is.EqualTo(0), "new components start at zero");
                    float value = next++;
                    Write(world, e, t, value);
                    components[t] = value;
                }
                model.Live.Add(e, components);
            }
            else if (op < 30)
            {
                int count = random.Next(1, 40);
                var made = new Entity[count];
                world.Create(made, new Health(0), new Mass(0));
                foreach (var e in made)
                {
                    float value = next++;
                    Write(world, e, Types[0], value);
                    model.Live.Add(e, new() { [Types[0]] = value, [Types[1]] = 0 });
                }
            }
            else if (op < 45)
            {
                var e = PickLive();
                world.Destroy(e);
                model.Live.Remove(e);
                model.Dead.Add(e);
            }
            else if (op < 60)
            {
                var e = PickLive();
                var t = Types[random.Next(Types.Length)];
                if (model.Live[e].ContainsKey(t))
                {
                    Assert.Throws<DuplicateComponentException>(() => world.Add(e, t));
                    continue;
                }
                world.Add(e, t);
                float value = next++;
                Write(world, e, t, value);
                model.Live[e][t] = value;
            }
            else if (op < 75)
            {
                var e = PickLive();
                var t = Types[random.Next(Types.Length)];
                if (!model.Live[e].ContainsKey(t))
                {
                    Assert.Throws<MissingComponentException>(() => world.Remove(e, t));
                    continue;
                }
                world.Remove(e, t);
                model.Live[e].Remove(t);
            }
            else if (op < 85)
            {
                var e = PickLive();
                foreach (var t in model.Live[e].Keys.ToArray())
                {
                    float value = next++;
                    Write(world, e, t, value);
                    model.Live[e][t] = value;
                }
            }
            else if (op < 95)
            {
                // A batch through a command buffer recorded during a query: destroy some, add Health to others.
                var buffer = new CommandBuffer();
                var destroy = new HashSet<Entity>();
                var gainHealth = new Dictionary<Entity, float>();
                world.Query(new QueryDescription().WithAll<Mass>(), (Entity e, ref Mass _) =>
                {
                    int roll = random.Next(10);
                    if (roll == 0)
                    {
                        buffer.Destroy(e);
                        destroy.Add(e);
                    }
                    else if (roll == 1 && !model.Live[e].ContainsKey(Types[0]))
                    {
                        float value = next++;
                        buffer.Add(e, new Health((int)value));
                        gainHealth[e] = value;
                    }
                });
                var created = buffer.Create(ComponentType.Of<Position>());
                float createdValue = next++;
                buffer.Set(created, new Position(createdValue, -createdValue, 2 * createdValue));
                buffer.Playback(world);
                foreach (var e in destroy)
                {
                    model.Live.Remove(e);
                    model.Dead.Add(e);
                }
                foreach (var (e, value) in gainHealth) model.Live[e][Types[0]] = value;
                var fresh = new List<Entity>();
                world.GetEntities(new QueryDescription().WithAll<Position>(), fresh);
                var newEntity = fresh.Single(e => !model.Live.ContainsKey(e));
                model.Live.Add(newEntity, new() { [Types[2]] = createdValue });
            }
            else
            {
                var dead = model.Dead.Count > 0 ? model.Dead[random.Next(model.Dead.Count)] : new Entity(999_999, 1);
                Assert.Throws<DeadEntityException>(() => world.Get<Health>(dead));
                Assert.Throws<DeadEntityException>(() => world.Add(dead, Types[1]));
            }
            if (step % 25 == 0) Verify(world, model);
        }
        Verify(world, model);
    }
}
