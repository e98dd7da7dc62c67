// Entity: a handle to one row of the world, made of a slot id and a version.
// How: the world keeps one record per slot; destroying an entity bumps the slot's version, so every copy
// of the old handle stops matching and is reported as stale instead of silently reaching the slot's next owner.
namespace Engine.Ecs;

/// <summary>
/// A handle to an entity: the slot <see cref="Id"/> in its world and the <see cref="Version"/> the slot had when the
/// entity was created. Live versions start at 1, so <c>default(Entity)</c> (<see cref="Null"/>) is never alive.
/// </summary>
public readonly struct Entity : IEquatable<Entity>, IComparable<Entity>
{
    /// <summary>The slot index inside the world (negative for a <see cref="CommandBuffer"/> placeholder).</summary>
    public readonly int Id;

    /// <summary>The slot's version when this handle was made; a destroyed entity's handles keep the old version.</summary>
    public readonly int Version;

    /// <summary>Makes a handle from a slot id and version (normally only the world or a command buffer does this).</summary>
    public Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>The handle that never refers to a live entity.</summary>
    public static Entity Null => default;

    /// <summary>True for <see cref="Null"/>.</summary>
    public bool IsNull => Id == 0 && Version == 0;

    /// <summary>True when this is a placeholder made by <see cref="CommandBuffer.Create()"/>, resolved at playback.</summary>
    public bool IsDeferred => Id < 0;

    /// <inheritdoc />
    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Entity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <summary>Orders by id, then version.</summary>
    public int CompareTo(Entity other) => Id != other.Id ? Id.CompareTo(other.Id) : Version.CompareTo(other.Version);

    /// <summary>Equality of id and version.</summary>
    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    /// <summary>Inequality of id or version.</summary>
    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);

    /// <summary>"Entity(id v version)", the form every ECS exception message uses.</summary>
    public override string ToString() => IsDeferred ? $"Entity(deferred #{-Id - 1})" : $"Entity({Id} v{Version})";
}
