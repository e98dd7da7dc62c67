// World (vector components part): access to components registered with a width W > 1 (W contiguous elements
// per entity, e.g. a D-dimensional latent). How: the same row lookup as Get, returning a Span of W elements;
// every length is checked against the registered width so a short or long vector never lands in a neighbour's row.
// A Columns-layout vector has no contiguous row: GetVector refuses it, GetElement reaches one element of either layout,
// SetVector and Add write element by element.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>The entity's <typeparamref name="T"/> elements (width of them; a scalar component gives a span of 1).</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    public Span<T> GetVector<T>(Entity entity) where T : unmanaged
    {
        ref var record = ref Live(entity, "GetVector", Component<T>.Id);
        var chunk = record.Chunk!;
        var archetype = chunk.Archetype;
        int column = archetype.Column(Component<T>.Id, entity);
        int width = archetype.Widths[column];
        if (archetype.Columnar[column])
            throw new ComponentWidthException(entity, Component<T>.ComponentType, width, width,
                $"{entity}: GetVector<{Component<T>.ComponentType}>: the component is laid out as columns; use GetElement (or the chunk's GetElementSpan).");
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), record.Row * width), width);
    }

    /// <summary>Element <paramref name="element"/> of the entity's <typeparamref name="T"/> (either layout; element 0 of a scalar).</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="element"/> is not in [0, width).</exception>
    public ref T GetElement<T>(Entity entity, int element) where T : unmanaged
    {
        ref var record = ref Live(entity, "GetElement", Component<T>.Id);
        var chunk = record.Chunk!;
        var archetype = chunk.Archetype;
        int column = archetype.Column(Component<T>.Id, entity);
        int width = archetype.Widths[column];
        if ((uint)element >= (uint)width) throw new ArgumentOutOfRangeException(nameof(element), element, $"element must be in [0, {width})");
        return ref archetype.Columnar[column]
            ? ref Unsafe.As<byte, T>(ref chunk.ElementRef(column, record.Row, element, Unsafe.SizeOf<T>()))
            : ref Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), record.Row * width + element);
    }

    /// <summary>Overwrites the entity's <typeparamref name="T"/> elements with <paramref name="values"/>.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="MissingComponentException">The entity has no <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><paramref name="values"/> is not exactly width long.</exception>
    public void SetVector<T>(Entity entity, ReadOnlySpan<T> values) where T : unmanaged
    {
        ref var record = ref Live(entity, "SetVector", Component<T>.Id);
        int column = record.Chunk!.Archetype.Column(Component<T>.Id, entity);
        int width = record.Chunk.Archetype.Widths[column];
        if (values.Length != width)
            throw ComponentWidthException.Length(entity, Component<T>.ComponentType, width, values.Length, "SetVector");
        Archetype.WriteCell(record.Chunk, column, record.Row, MemoryMarshal.AsBytes(values));
    }

    /// <summary>Adds component <typeparamref name="T"/> holding <paramref name="values"/> (exactly its width long).</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    /// <exception cref="DuplicateComponentException">The entity already has <typeparamref name="T"/>.</exception>
    /// <exception cref="ComponentWidthException"><paramref name="values"/> is not exactly width long.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Add<T>(Entity entity, ReadOnlySpan<T> values) where T : unmanaged
    {
        var type = Component<T>.ComponentType;
        EnsureNotIterating("Add", entity, type);
        Live(entity, "Add", type.Id);
        int width = Components.GetWidth(type);
        if (values.Length != width) throw ComponentWidthException.Length(entity, type, width, values.Length, "Add");
        Add(entity, type);
        SetVector(entity, values);
    }
}
