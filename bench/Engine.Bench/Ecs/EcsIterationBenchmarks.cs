// EcsIterationBenchmarks: 1M entities with Position + Velocity, one pass of position += velocity, run by a
// plain-array loop (the baseline), the ECS struct callback (InlineQuery), the lambda Query, a hand-written chunk
// loop (GetFirst + Unsafe.Add) and, for reference, the parallel struct callback. Same data in every variant.
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Engine.Ecs;

namespace Engine.Bench.Ecs;

[MemoryDiagnoser]
[MedianColumn]
public class EcsIterationBenchmarks
{
    private const int Count = 1_000_000;
    private static readonly QueryDescription Moving = new QueryDescription().WithAll<Position, Velocity>();

    private Position[] _positions = [];
    private Velocity[] _velocities = [];
    private World _world = null!;

    [GlobalSetup]
    public void Setup()
    {
        _positions = new Position[Count];
        _velocities = new Velocity[Count];
        _world = World.Create();
        var entities = new Entity[Count];
        _world.Create(entities, new Position(), new Velocity());
        for (int i = 0; i < Count; i++)
        {
            var v = new Velocity { X = i * 1e-6f, Y = 1, Z = -1 };
            _velocities[i] = v;
            _world.Set(entities[i], v);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _world.Dispose();

    [Benchmark(Baseline = true)]
    public void PlainArrays()
    {
        var positions = _positions;
        var velocities = _velocities;
        for (int i = 0; i < positions.Length; i++)
        {
            ref var p = ref positions[i];
            var v = velocities[i];
            p.X += v.X;
            p.Y += v.Y;
            p.Z += v.Z;
        }
    }

    [Benchmark]
    public void StructCallback()
    {
        var move = new MoveForEach();
        _world.InlineQuery<MoveForEach, Position, Velocity>(Moving, ref move);
    }

    [Benchmark]
    public void Lambda()
    {
        _world.Query(Moving, static (ref Position p, ref Velocity v) =>
        {
            p.X += v.X;
            p.Y += v.Y;
            p.Z += v.Z;
        });
    }

    [Benchmark]
    public void ChunkLoop()
    {
        foreach (var chunk in _world.Query(Moving))
        {
            ref var p0 = ref chunk.GetFirst<Position>();
            ref var v0 = ref chunk.GetFirst<Velocity>();
            int n = chunk.Count;
            for (int i = 0; i < n; i++)
            {
                ref var p = ref Unsafe.Add(ref p0, i);
                ref readonly var v = ref Unsafe.Add(ref v0, i);
                p.X += v.X;
                p.Y += v.Y;
                p.Z += v.Z;
            }
        }
    }

    [Benchmark]
    public void ParallelStructCallback() =>
        _world.ParallelInlineQuery<MoveForEach, Position, Velocity>(Moving, new MoveForEach());
}
