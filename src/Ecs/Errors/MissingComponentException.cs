// MissingComponentException: an entity (or a chunk a query reached) does not have the component asked for.
// How: the message lists what the entity does have, which is usually enough to spot the mistake.
namespace Engine.Ecs;

/// <summary>Thrown when a component is read, written or removed on an entity or chunk that does not have it.</summary>
public sealed class MissingComponentException : EcsException
{
    /// <summary>Builds the message from the entity (null for a chunk), component and the components present.</summary>
    public MissingComponentException(Entity? entity, ComponentType component, string present, string? hint = null)
        : base($"{(entity is { } e ? e.ToString() : "a chunk")} has no component {component} (it has: {present}){(hint is null ? "" : "; " + hint)}.",
            entity, component)
    {
    }
}
