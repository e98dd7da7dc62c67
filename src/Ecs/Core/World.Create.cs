// World (generic create part): Create<T0..T3> of one entity with values, and bulk creation into a span.
// How: the archetype of each generic instantiation is cached by its SignatureCache slot (one array load); widths are
// checked before any slot is taken, then values are written straight into the new row. Bulk creation fills the
// archetype's chunks a run at a time: entity handles and records per entity, component columns with Span.Fill.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>Creates an entity with scalar components T0 set to the given values.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (create by signature, then use GetVector).</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity Create<T0>(in T0 c0 = default)
        where T0 : unmanaged
    {
        var archetype = GenericArchetype<T0>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        var entity = CreateIn(archetype, out var chunk, out int row);
        Unsafe.Add(ref chunk.ColumnRef<T0>(chunk.Offsets[k0]), row) = c0;
        return entity;
    }

    /// <summary>Creates an entity with scalar components T0, T1 set to the given values.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (create by signature, then use GetVector).</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity Create<T0, T1>(in T0 c0 = default, in T1 c1 = default)
        where T0 : unmanaged where T1 : unmanaged
    {
        var archetype = GenericArchetype<T0, T1>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        int k1 = archetype.ScalarColumn(Component<T1>.Id, "Create");
        var entity = CreateIn(archetype, out var chunk, out int row);
        Unsafe.Add(ref chunk.ColumnRef<T0>(chunk.Offsets[k0]), row) = c0;
        Unsafe.Add(ref chunk.ColumnRef<T1>(chunk.Offsets[k1]), row) = c1;
        return entity;
    }

    /// <summary>Creates an entity with scalar components T0, T1, T2 set to the given values.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (create by signature, then use GetVector).</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity Create<T0, T1, T2>(in T0 c0 = default, in T1 c1 = default, in T2 c2 = default)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        var archetype = GenericArchetype<T0, T1, T2>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        int k1 = archetype.ScalarColumn(Component<T1>.Id, "Create");
        int k2 = archetype.ScalarColumn(Component<T2>.Id, "Create");
        var entity = CreateIn(archetype, out var chunk, out int row);
        Unsafe.Add(ref chunk.ColumnRef<T0>(chunk.Offsets[k0]), row) = c0;
        Unsafe.Add(ref chunk.ColumnRef<T1>(chunk.Offsets[k1]), row) = c1;
        Unsafe.Add(ref chunk.ColumnRef<T2>(chunk.Offsets[k2]), row) = c2;
        return entity;
    }

    /// <summary>Creates an entity with scalar components T0, T1, T2, T3 set to the given values.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component (create by signature, then use GetVector).</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public Entity Create<T0, T1, T2, T3>(in T0 c0 = default, in T1 c1 = default, in T2 c2 = default, in T3 c3 = default)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        var archetype = GenericArchetype<T0, T1, T2, T3>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        int k1 = archetype.ScalarColumn(Component<T1>.Id, "Create");
        int k2 = archetype.ScalarColumn(Component<T2>.Id, "Create");
        int k3 = archetype.ScalarColumn(Component<T3>.Id, "Create");
        var entity = CreateIn(archetype, out var chunk, out int row);
        Unsafe.Add(ref chunk.ColumnRef<T0>(chunk.Offsets[k0]), row) = c0;
        Unsafe.Add(ref chunk.ColumnRef<T1>(chunk.Offsets[k1]), row) = c1;
        Unsafe.Add(ref chunk.ColumnRef<T2>(chunk.Offsets[k2]), row) = c2;
        Unsafe.Add(ref chunk.ColumnRef<T3>(chunk.Offsets[k3]), row) = c3;
        return entity;
    }

    /// <summary>Creates entities.Length entities with components T0, every one set to the given values; writes their handles to <paramref name="entities"/>.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Create<T0>(Span<Entity> entities, in T0 c0 = default)
        where T0 : unmanaged
    {
        var archetype = GenericArchetype<T0>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        CreateBulk(archetype, entities, out int firstChunk, out int firstRow);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k0, c0);
    }

    /// <summary>Creates entities.Length entities with components T0, T1, every one set to the given values; writes their handles to <paramref name="entities"/>.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Create<T0, T1>(Span<Entity> entities, in T0 c0 = default, in T1 c1 = default)
        where T0 : unmanaged where T1 : unmanaged
    {
        var archetype = GenericArchetype<T0, T1>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        int k1 = archetype.ScalarColumn(Component<T1>.Id, "Create");
        CreateBulk(archetype, entities, out int firstChunk, out int firstRow);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k0, c0);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k1, c1);
    }

    /// <summary>Creates entities.Length entities with components T0, T1, T2, every one set to the given values; writes their handles to <paramref name="entities"/>.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Create<T0, T1, T2>(Span<Entity> entities, in T0 c0 = default, in T1 c1 = default, in T2 c2 = default)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        var archetype = GenericArchetype<T0, T1, T2>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        int k1 = archetype.ScalarColumn(Component<T1>.Id, "Create");
        int k2 = archetype.ScalarColumn(Component<T2>.Id, "Create");
        CreateBulk(archetype, entities, out int firstChunk, out int firstRow);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k0, c0);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k1, c1);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k2, c2);
    }

    /// <summary>Creates entities.Length entities with components T0, T1, T2, T3, every one set to the given values; writes their handles to <paramref name="entities"/>.</summary>
    /// <exception cref="DuplicateComponentException">A type argument is repeated.</exception>
    /// <exception cref="ComponentWidthException">A type argument is a vector component.</exception>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Create<T0, T1, T2, T3>(Span<Entity> entities, in T0 c0 = default, in T1 c1 = default, in T2 c2 = default, in T3 c3 = default)
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        var archetype = GenericArchetype<T0, T1, T2, T3>();
        int k0 = archetype.ScalarColumn(Component<T0>.Id, "Create");
        int k1 = archetype.ScalarColumn(Component<T1>.Id, "Create");
        int k2 = archetype.ScalarColumn(Component<T2>.Id, "Create");
        int k3 = archetype.ScalarColumn(Component<T3>.Id, "Create");
        CreateBulk(archetype, entities, out int firstChunk, out int firstRow);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k0, c0);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k1, c1);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k2, c2);
        FillColumn(archetype, firstChunk, firstRow, entities.Length, k3, c3);
    }

    private Archetype GenericArchetype<T0>()
        where T0 : unmanaged
    {
        EnsureNotIterating("Create", null, null);
        if (SignatureCache<T0>.Duplicate is { } duplicate) throw new DuplicateComponentException(null, duplicate);
        return GetArchetype(SignatureCache<T0>.Slot, in SignatureCache<T0>.Value);
    }

    private Archetype GenericArchetype<T0, T1>()
        where T0 : unmanaged where T1 : unmanaged
    {
        EnsureNotIterating("Create", null, null);
        if (SignatureCache<T0, T1>.Duplicate is { } duplicate) throw new DuplicateComponentException(null, duplicate);
        return GetArchetype(SignatureCache<T0, T1>.Slot, in SignatureCache<T0, T1>.Value);
    }

    private Archetype GenericArchetype<T0, T1, T2>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged
    {
        EnsureNotIterating("Create", null, null);
        if (SignatureCache<T0, T1, T2>.Duplicate is { } duplicate) throw new DuplicateComponentException(null, duplicate);
        return GetArchetype(SignatureCache<T0, T1, T2>.Slot, in SignatureCache<T0, T1, T2>.Value);
    }

    private Archetype GenericArchetype<T0, T1, T2, T3>()
        where T0 : unmanaged where T1 : unmanaged where T2 : unmanaged where T3 : unmanaged
    {
        EnsureNotIterating("Create", null, null);
        if (SignatureCache<T0, T1, T2, T3>.Duplicate is { } duplicate) throw new DuplicateComponentException(null, duplicate);
        return GetArchetype(SignatureCache<T0, T1, T2, T3>.Slot, in SignatureCache<T0, T1, T2, T3>.Value);
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="count"/> rows of a column, from a chunk and row onwards.</summary>
    private static void FillColumn<T>(Archetype archetype, int chunkIndex, int row, int count, int column, in T value) where T : unmanaged
    {
        while (count > 0)
        {
            var chunk = archetype.Chunks[chunkIndex++];
            int take = Math.Min(count, chunk.Size - row);
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref chunk.ColumnRef<T>(chunk.Offsets[column]), row), take).Fill(value);
            count -= take;
            row = 0;
        }
    }
}
