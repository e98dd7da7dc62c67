// ComponentWidthException: a component was used with the wrong number of elements per entity.
// How: raised when a scalar accessor (Get/Set/GetSpan/ForEach) meets a vector component, when a vector's length
// differs from the registered width, or when a width is re-registered; the message says which width is right.
namespace Engine.Ecs;

/// <summary>Thrown when a component is accessed or registered with a width other than the one the world stores.</summary>
public sealed class ComponentWidthException : EcsException
{
    /// <summary>Builds the exception; <paramref name="message"/> already names entity and component.</summary>
    public ComponentWidthException(Entity? entity, ComponentType component, int width, int requested, string message)
        : base(message, entity, component)
    {
        Width = width;
        Requested = requested;
    }

    /// <summary>The width the world stores for the component.</summary>
    public int Width { get; }

    /// <summary>The width the failed operation asked for or implied.</summary>
    public int Requested { get; }

    internal static ComponentWidthException ScalarAccess(Entity? entity, ComponentType component, int width, string operation) =>
        new(entity, component, width, 1,
            $"{(entity is { } e ? e + ": " : "")}{operation}<{component}> needs a scalar component but {component} has width {width} in this world; " +
            $"use the vector accessors (GetVector / GetVectorSpan / GetVectorRow / SetVector).");

    internal static ComponentWidthException Length(Entity? entity, ComponentType component, int width, int length, string operation) =>
        new(entity, component, width, length,
            $"{(entity is { } e ? e + ": " : "")}{operation}<{component}> was given {length} elements but {component} has width {width} in this world.");
}
