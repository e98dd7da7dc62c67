// MoveForEach: the struct callback of the iteration benchmark (position += velocity), inlined by InlineQuery.
using Engine.Ecs;

namespace Engine.Bench.Ecs;

/// <summary>position += velocity, as an IForEach struct.</summary>
public struct MoveForEach : IForEach<Position, Velocity>
{
    /// <inheritdoc />
    public readonly void Update(ref Position p, ref Velocity v)
    {
        p.X += v.X;
        p.Y += v.Y;
        p.Z += v.Z;
    }
}
