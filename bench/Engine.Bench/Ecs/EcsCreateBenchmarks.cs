// EcsCreateBenchmarks: making 1M entities with Position + Velocity in a fresh world — bulk Create into a span
// versus one Create call per entity — against allocating and filling two plain 1M arrays (the baseline).
// Each invocation builds a new world (IterationSetup drops the previous one), so the numbers include chunk allocation.
using BenchmarkDotNet.Attributes;
using Engine.Ecs;

namespace Engine.Bench.Ecs;

[MemoryDiagnoser]
[MedianColumn]
public class EcsCreateBenchmarks
{
    private const int Count = 1_000_000;

    private readonly Entity[] _entities = new Entity[Count];
    private World? _world;
    private Position[]? _positions;
    private Velocity[]? _velocities;

    [IterationSetup]
    public void Reset()
    {
        _world?.Dispose();
        _world = null;
        _positions = null;
        _velocities = null;
        GC.Collect();
    }

    [Benchmark(Baseline = true)]
    public void PlainArrays()
    {
        _positions = new Position[Count];
        _velocities = new Velocity[Count];
        var v = new Velocity { X = 1, Y = 2, Z = 3 };
        Array.Fill(_velocities, v);
        Array.Fill(_positions, new Position { X = 4 });
    }

    [Benchmark]
    public void BulkCreate()
    {
        _world = World.Create();
        _world.Create(_entities, new Position { X = 4 }, new Velocity { X = 1, Y = 2, Z = 3 });
    }

    [Benchmark]
    public void CreateOneByOne()
    {
        var world = World.Create();
        var p = new Position { X = 4 };
        var v = new Velocity { X = 1, Y = 2, Z = 3 };
        for (int i = 0; i < Count; i++) _entities[i] = world.Create(p, v);
        _world = world;
    }
}
