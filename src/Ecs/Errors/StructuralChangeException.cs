// StructuralChangeException: a structural change (create, destroy, add, remove) was attempted while a query was
// iterating. How: queries hold an iteration count on the world; changing the layout then would move rows under
// the refs/spans the loop holds and silently corrupt another entity, so the world refuses up front.
namespace Engine.Ecs;

/// <summary>Thrown when an entity is created, destroyed or changes components while the world is being iterated.</summary>
public sealed class StructuralChangeException : EcsException
{
    /// <summary>Builds the message from the operation and the entity/component involved.</summary>
    public StructuralChangeException(string operation, Entity? entity, ComponentType? component)
        : base($"cannot {operation}{(component is { } c ? $"<{c}>" : "")}{(entity is { } e ? $" on {e}" : "")} while a query is iterating this world; " +
               "record it in a CommandBuffer and call Playback after the query.", entity, component)
    {
    }
}
