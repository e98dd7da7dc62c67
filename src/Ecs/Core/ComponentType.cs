// ComponentType: the process-wide identity of a component struct (dense id, CLR type, element size in bytes).
// How: ComponentTypes hands out ids once per CLR type under a lock; Component<T> caches T's type in a static
// readonly field, so generic hot paths read the id as a JIT-time constant instead of looking up a dictionary.
// A component's *width* (elements per entity) is not part of its identity: it is per world (ComponentRegistry).
namespace Engine.Ecs;

/// <summary>The identity of an unmanaged component type: a dense <see cref="Id"/>, its CLR type and element size.</summary>
public readonly struct ComponentType : IEquatable<ComponentType>
{
    internal ComponentType(int id, Type type, int byteSize)
    {
        Id = id;
        Type = type;
        ByteSize = byteSize;
    }

    /// <summary>Dense process-wide id (0, 1, 2, ... in order of first use).</summary>
    public int Id { get; }

    /// <summary>The component's CLR type.</summary>
    public Type Type { get; }

    /// <summary>Size of one element in bytes (<c>sizeof(T)</c>); a vector component stores width × this per entity.</summary>
    public int ByteSize { get; }

    /// <summary>The component type of <typeparamref name="T"/>.</summary>
    public static ComponentType Of<T>() where T : unmanaged => Component<T>.ComponentType;

    /// <inheritdoc />
    public bool Equals(ComponentType other) => Id == other.Id && Type == other.Type;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ComponentType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Id;

    /// <summary>Equality of identity.</summary>
    public static bool operator ==(ComponentType left, ComponentType right) => left.Equals(right);

    /// <summary>Inequality of identity.</summary>
    public static bool operator !=(ComponentType left, ComponentType right) => !left.Equals(right);

    /// <summary>The CLR type's short name (what exception messages print).</summary>
    public override string ToString() => Type?.Name ?? "(none)";
}
