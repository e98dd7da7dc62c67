// DeadEntityException: an operation was given an entity that is not alive (destroyed, stale or never created).
// How: the world compares the handle's version with its slot's; the message names the handle, the operation and
// component, and what the slot holds now, so a stale handle is told apart from a garbage one.
namespace Engine.Ecs;

/// <summary>Thrown when an entity handle is destroyed, stale (its slot was reused) or was never created.</summary>
public sealed class DeadEntityException : EcsException
{
    /// <summary>Builds the message from the handle, the operation, the component and the slot's current state.</summary>
    public DeadEntityException(Entity entity, string operation, ComponentType? component, string slotState)
        : base($"{entity} is not alive ({slotState}); cannot {operation}{(component is { } c ? $"<{c}>" : "")}.", entity, component)
    {
    }
}
