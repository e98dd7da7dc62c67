// Signature: an immutable set of component types — the key of an archetype and the parts of a query.
// How: a sorted, duplicate-free ComponentType array (for layout and messages) plus a bitset over component ids
// (for O(ids/64) subset / overlap tests when a query matches archetypes) and a precomputed hash for lookups.
using System.Numerics;

namespace Engine.Ecs;

/// <summary>An immutable set of component types; <c>default</c> is the empty set.</summary>
public readonly struct Signature : IEquatable<Signature>
{
    private readonly ComponentType[]? _types;
    private readonly ulong[]? _bits;
    private readonly int _hash;

    /// <summary>Makes the set of <paramref name="types"/>.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Signature(params ComponentType[] types) : this((ReadOnlySpan<ComponentType>)types)
    {
    }

    /// <summary>Makes the set of <paramref name="types"/>.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Signature(ReadOnlySpan<ComponentType> types)
    {
        this = Build(types, out var duplicate);
        if (duplicate is { } d) throw new DuplicateComponentException(null, d);
    }

    private Signature(ComponentType[] sorted, ulong[] bits, int hash)
    {
        _types = sorted;
        _bits = bits;
        _hash = hash;
    }

    /// <summary>Builds the set without throwing; <paramref name="duplicate"/> names a repeated type (then the result is empty).</summary>
    internal static Signature Build(ReadOnlySpan<ComponentType> types, out ComponentType? duplicate)
    {
        duplicate = null;
        if (types.Length == 0) return default;
        var sorted = types.ToArray();
        Array.Sort(sorted, static (a, b) => a.Id.CompareTo(b.Id));
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Id != sorted[i - 1].Id) continue;
            duplicate = sorted[i];
            return default;
        }
        var bits = new ulong[sorted[^1].Id / 64 + 1];
        foreach (var t in sorted) bits[t.Id >> 6] |= 1UL << (t.Id & 63);
        return new Signature(sorted, bits, HashBits(bits));
    }

    /// <summary>The empty set.</summary>
    public static Signature Empty => default;

    /// <summary>The set {T0}.</summary>
    public static Signature Of<T0>() where T0 : unmanaged => SignatureCache<T0>.Value;

    /// <summary>The set {T0, T1}.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    public static Signature Of<T0, T1>() where T0 : unmanaged where T1 : unmanaged =>
        Checked(SignatureCache<T0, T1>.Value, SignatureCache<T0, T1>.Duplicate);

    /// <summary>The set {T0, T1, T2}.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    public static Signature Of<T0, T1, T2>() where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged =>
        Checked(SignatureCache<T0, T1, T2>.Value, SignatureCache<T0, T1, T2>.Duplicate);

    /// <summary>The set {T0, T1, T2, T3}.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    public static Signature Of<T0, T1, T2, T3>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged =>
        Checked(SignatureCache<T0, T1, T2, T3>.Value, SignatureCache<T0, T1, T2, T3>.Duplicate);

    internal static Signature Checked(in Signature value, ComponentType? duplicate) =>
        duplicate is { } d ? throw new DuplicateComponentException(null, d) : value;

    /// <summary>Number of component types in the set.</summary>
    public int Count => _types?.Length ?? 0;

    /// <summary>The component types, sorted by id.</summary>
    public ReadOnlySpan<ComponentType> Components => _types;

    /// <summary>True for the empty set.</summary>
    public bool IsEmpty => _types is null;

    /// <summary>True when <paramref name="type"/> is in the set.</summary>
    public bool Contains(ComponentType type) => Contains(type.Id);

    /// <summary>True when <typeparamref name="T"/> is in the set.</summary>
    public bool Contains<T>() where T : unmanaged => Contains(Component<T>.Id);

    internal bool Contains(int id) => _bits is { } b && (id >> 6) < b.Length && (b[id >> 6] & (1UL << (id & 63))) != 0;

    /// <summary>This set plus <paramref name="type"/> (the same set if already present).</summary>
    public Signature With(ComponentType type)
    {
        if (Contains(type)) return this;
        var list = new ComponentType[Count + 1];
        Components.CopyTo(list);
        list[^1] = type;
        return new Signature(list);
    }

    /// <summary>This set minus <paramref name="type"/> (the same set if absent).</summary>
    public Signature Without(ComponentType type)
    {
        if (!Contains(type)) return this;
        var list = new ComponentType[Count - 1];
        int n = 0;
        foreach (var t in Components)
            if (t.Id != type.Id) list[n++] = t;
        return new Signature(list);
    }

    /// <summary>True when every type of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(in Signature other)
    {
        var mine = _bits;
        if (mine is null) return true;
        var theirs = other._bits ?? [];
        for (int i = 0; i < mine.Length; i++)
        {
            ulong t = i < theirs.Length ? theirs[i] : 0;
            if ((mine[i] & ~t) != 0) return false;
        }
        return true;
    }

    /// <summary>True when the two sets share a type.</summary>
    public bool Overlaps(in Signature other)
    {
        var a = _bits;
        var b = other._bits;
        if (a is null || b is null) return false;
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
            if ((a[i] & b[i]) != 0) return true;
        return false;
    }

    /// <inheritdoc />
    public bool Equals(Signature other)
    {
        if (_hash != other._hash || Count != other.Count) return false;
        var a = _bits;
        var b = other._bits;
        if (a is null || b is null) return a is null && b is null;
        return a.AsSpan().SequenceEqual(b);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Signature other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Set equality.</summary>
    public static bool operator ==(Signature left, Signature right) => left.Equals(right);

    /// <summary>Set inequality.</summary>
    public static bool operator !=(Signature left, Signature right) => !left.Equals(right);

    /// <summary>"[Position, Velocity]".</summary>
    public override string ToString() => "[" + string.Join(", ", (_types ?? []).Select(t => t.ToString())) + "]";

    private static int HashBits(ulong[] bits)
    {
        // Trailing zero words never occur (the array is sized by the largest id), so equal sets hash equally.
        ulong h = 14695981039346656037UL;
        foreach (ulong w in bits) h = BitOperations.RotateLeft((h ^ w) * 1099511628211UL, 29);
        return (int)(h ^ (h >> 32));
    }
}
