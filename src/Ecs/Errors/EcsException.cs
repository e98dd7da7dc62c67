// EcsException: the base of every error the ECS raises on bad use.
// How: it carries the entity and component involved (when there is one) so callers can react in code, and the
// derived types build messages that name both, e.g. "Entity(5 v2) has no component Velocity".
namespace Engine.Ecs;

/// <summary>Base class of the ECS's bad-use exceptions; carries the entity and component involved, if any.</summary>
public class EcsException : InvalidOperationException
{
    /// <summary>Makes an exception with a message and optional entity/component.</summary>
    public EcsException(string message, Entity? entity = null, ComponentType? component = null, Exception? inner = null)
        : base(message, inner)
    {
        Entity = entity;
        Component = component;
    }

    /// <summary>The entity the failed operation was about, if any.</summary>
    public Entity? Entity { get; }

    /// <summary>The component type the failed operation was about, if any.</summary>
    public ComponentType? Component { get; }
}
