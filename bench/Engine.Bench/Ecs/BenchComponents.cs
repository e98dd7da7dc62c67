// Components of the ECS benchmarks: a 3-float position and velocity (12 bytes each), as in the issue.
namespace Engine.Bench.Ecs;

/// <summary>Benchmark position.</summary>
public struct Position
{
    public float X, Y, Z;
}

/// <summary>Benchmark velocity.</summary>
public struct Velocity
{
    public float X, Y, Z;
}
