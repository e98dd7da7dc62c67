// DuplicateComponentException: Add<T> on an entity that already has T, or a signature listing T twice.
// How: refusing (instead of overwriting) keeps Add structural and Set the only way to change a value.
namespace Engine.Ecs;

/// <summary>Thrown when a component is added to an entity that already has it, or a type list repeats a component.</summary>
public sealed class DuplicateComponentException : EcsException
{
    /// <summary>Builds the message from the entity (if any) and the component.</summary>
    public DuplicateComponentException(Entity? entity, ComponentType component)
        : base(entity is { } e
                ? $"{e} already has component {component}; use Set to change its value."
                : $"component {component} is listed more than once.", entity, component)
    {
    }
}
