// World: the container of entities, archetypes and component widths (core part: construction, the entity
// table, liveness checks, archetype lookup and the iteration guard). Other parts live in World.<Feature>.cs.
// How: an EntityRecord[] indexed by entity id (chunk, row, version) plus a free-id stack; archetypes are found
// by signature in a dictionary, by generic Create<T...> slot in an array, and by add/remove edges. A counter of
// running queries makes structural changes throw instead of moving rows under a loop's refs.
// Not thread-safe for structural changes; queries may run in parallel with each other and with Get/Set.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

/// <summary>
/// An archetype ECS world: entities with unmanaged components stored in chunked structure-of-arrays columns.
/// Structural changes (create, destroy, add, remove) are single-threaded and forbidden while a query iterates
/// (use a <see cref="CommandBuffer"/>); component reads and writes through queries may run in parallel.
/// </summary>
public sealed partial class World : IDisposable
{
    /// <summary>Default byte budget of an archetype's first chunk (entities per chunk = budget / bytes per entity).</summary>
    public const int DefaultChunkBytes = 16 * 1024;

    /// <summary>Default byte budget chunks grow to: each new chunk of an archetype is as big as all its others, up to this.</summary>
    public const int DefaultMaxChunkBytes = 1024 * 1024;

    private EntityRecord[] _records = new EntityRecord[256];
    private int _slotCount;
    private int[] _free = new int[64];
    private int _freeCount;
    private int _alive;
    private readonly List<Archetype> _archetypes = [];
    private readonly Dictionary<Signature, Archetype> _bySignature = [];
    private Archetype?[] _bySlot = new Archetype?[16];
    private int _iterating;
    private long _queriedEntities;
    private bool _disposed;

    private World(int chunkBytes, int maxChunkBytes)
    {
        ChunkBytes = chunkBytes;
        MaxChunkBytes = maxChunkBytes;
    }

    /// <summary>
    /// Makes an empty world. An archetype's first chunk holds about <paramref name="chunkBytes"/> bytes of entities;
    /// each further chunk as many entities as all its earlier ones together, up to <paramref name="maxChunkBytes"/>
    /// (0: the larger of <see cref="DefaultMaxChunkBytes"/> and <paramref name="chunkBytes"/>). Equal budgets give
    /// fixed-size chunks.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A budget is outside [64 bytes, 64 MiB] or the maximum is below the first.</exception>
    public static World Create(int chunkBytes = DefaultChunkBytes, int maxChunkBytes = 0)
    {
        const int limit = 64 << 20;
        if (chunkBytes < 64 || chunkBytes > limit)
            throw new ArgumentOutOfRangeException(nameof(chunkBytes), chunkBytes, "chunk byte budget must be in [64, 64 MiB]");
        if (maxChunkBytes == 0) maxChunkBytes = Math.Max(DefaultMaxChunkBytes, chunkBytes);
        if (maxChunkBytes < chunkBytes || maxChunkBytes > limit)
            throw new ArgumentOutOfRangeException(nameof(maxChunkBytes), maxChunkBytes, $"maximum chunk budget must be in [{chunkBytes}, 64 MiB]");
        return new World(chunkBytes, maxChunkBytes);
    }

    /// <summary>Byte budget of an archetype's first chunk.</summary>
    public int ChunkBytes { get; }

    /// <summary>Byte budget chunks grow to.</summary>
    public int MaxChunkBytes { get; }

    /// <summary>Component widths of this world (register vector components here before first use).</summary>
    public ComponentRegistry Components { get; } = new();

    /// <summary>Number of live entities.</summary>
    public int Size => _alive;

    /// <summary>Number of entity slots allocated (live + free).</summary>
    public int Capacity => _slotCount;

    /// <summary>Number of archetypes created so far.</summary>
    public int ArchetypeCount => _archetypes.Count;

    /// <summary>True while a query is iterating this world (structural changes then throw).</summary>
    public bool IsIterating => Volatile.Read(ref _iterating) != 0;

    /// <summary>Total entities visited by queries since the world was made (the scheduler's "entities touched").</summary>
    public long QueriedEntities => Interlocked.Read(ref _queriedEntities);

    /// <summary>Worker limit for parallel queries (−1: the runtime's default).</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Registers <typeparamref name="T"/> with <paramref name="width"/> elements per entity, laid out as <paramref name="layout"/>
    /// (see <see cref="ComponentRegistry"/> and <see cref="VectorLayout"/>).</summary>
    /// <exception cref="ComponentWidthException">The type is already registered or stored with another width or layout.</exception>
    public void Register<T>(int width, VectorLayout layout = VectorLayout.Interleaved) where T : unmanaged => Components.Register<T>(width, layout);

    /// <summary>True when <paramref name="entity"/> is a live entity of this world.</summary>
    public bool IsAlive(Entity entity)
    {
        if ((uint)entity.Id >= (uint)_slotCount) return false;
        ref var record = ref _records[entity.Id];
        return record.Version == entity.Version && record.Chunk is not null;
    }

    /// <summary>The current version of slot <paramref name="id"/> (what a handle made now would carry).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such slot.</exception>
    public int GetVersion(int id) => (uint)id < (uint)_slotCount
        ? _records[id].Version
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"the world has {_slotCount} entity slots");

    /// <summary>The components of a live entity.</summary>
    /// <exception cref="DeadEntityException">The entity is not alive.</exception>
    public Signature GetSignature(Entity entity) => Live(entity, "GetSignature").Chunk!.Archetype.Signature;

    /// <summary>Destroys every entity and archetype; registered widths stay.</summary>
    /// <exception cref="StructuralChangeException">A query is iterating.</exception>
    public void Clear()
    {
        EnsureNotIterating("Clear", null, null);
        for (int id = 0; id < _slotCount; id++)
        {
            ref var record = ref _records[id];
            if (record.Chunk is null) continue;
            record.Chunk = null;
            record.Version = NextVersion(record.Version);
            PushFree(id);
        }
        foreach (var archetype in _archetypes) archetype.Clear();
        _alive = 0;
    }

    /// <summary>Releases every chunk; the world is empty and unusable afterwards.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _records = [];
        _slotCount = 0;
        _freeCount = 0;
        _alive = 0;
        foreach (var archetype in _archetypes) archetype.Clear();
        _archetypes.Clear();
        _bySignature.Clear();
        _bySlot = [];
        lock (_queries) _queries.Clear();
    }

    /// <summary>"World(entities: 5, archetypes: 2)".</summary>
    public override string ToString() => $"World(entities: {_alive}, archetypes: {_archetypes.Count})";

    /// <summary>The record of a live entity; throws <see cref="DeadEntityException"/> otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref EntityRecord Live(Entity entity, string operation, int componentId = -1)
    {
        if ((uint)entity.Id < (uint)_slotCount)
        {
            ref var record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), entity.Id);
            if (record.Version == entity.Version && record.Chunk is not null) return ref record;
        }
        throw DeadEntity(entity, operation, componentId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DeadEntityException DeadEntity(Entity entity, string operation, int componentId)
    {
        ComponentType? component = componentId >= 0 ? ComponentTypes.Get(componentId) : null;
        string state;
        if (_disposed) state = "the world is disposed";
        else if (entity.IsNull) state = "it is Entity.Null";
        else if (entity.IsDeferred) state = "it is a CommandBuffer placeholder, only valid inside that buffer";
        else if ((uint)entity.Id >= (uint)_slotCount) state = $"this world has only {_slotCount} entity slots";
        else
        {
            ref var record = ref _records[entity.Id];
            state = record.Chunk is null
                ? $"destroyed; slot {entity.Id} is free"
                : $"stale handle; slot {entity.Id} now holds {new Entity(entity.Id, record.Version)}";
        }
        return new DeadEntityException(entity, operation, component, state);
    }

    internal void EnsureNotIterating(string operation, Entity? entity, ComponentType? component)
    {
        if (Volatile.Read(ref _iterating) != 0) throw new StructuralChangeException(operation, entity, component);
        if (_disposed) throw new ObjectDisposedException(nameof(World));
    }

    internal void EnterIteration()
    {
        if (_disposed) throw new ObjectDisposedException(nameof(World));
        Interlocked.Increment(ref _iterating);
    }

    internal void ExitIteration() => Interlocked.Decrement(ref _iterating);

    internal void AddQueried(long count)
    {
        if (count != 0) Interlocked.Add(ref _queriedEntities, count);
    }

    /// <summary>The archetype for a signature, made on first use.</summary>
    internal Archetype GetArchetype(in Signature signature)
    {
        if (_bySignature.TryGetValue(signature, out var found)) return found;
        var created = new Archetype(signature, Components, ChunkBytes, MaxChunkBytes, _archetypes.Count);
        _archetypes.Add(created);
        _bySignature.Add(signature, created);
        return created;
    }

    /// <summary>The archetype of a generic Create&lt;T...&gt; instantiation, cached by its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Archetype GetArchetype(int slot, in Signature signature)
    {
        var cache = _bySlot;
        if ((uint)slot < (uint)cache.Length && cache[slot] is { } hit) return hit;
        return GetArchetypeSlow(slot, signature);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Archetype GetArchetypeSlow(int slot, in Signature signature)
    {
        var archetype = GetArchetype(signature);
        if (slot >= _bySlot.Length) Array.Resize(ref _bySlot, Math.Max(slot + 1, _bySlot.Length * 2));
        _bySlot[slot] = archetype;
        return archetype;
    }

    internal IReadOnlyList<Archetype> Archetypes => _archetypes;

    /// <summary>Takes a free slot (or a new one) and returns its id; the record's Version is the new entity's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AllocateSlot()
    {
        if (_freeCount > 0) return _free[--_freeCount];
        if (_slotCount == _records.Length) GrowRecords(_slotCount + 1);
        int id = _slotCount++;
        _records[id].Version = 1;
        return id;
    }

    private void GrowRecords(int needed)
    {
        if (needed <= _records.Length) return;
        Array.Resize(ref _records, Math.Max(needed, _records.Length * 2));
    }

    private void PushFree(int id)
    {
        if (_freeCount == _free.Length) Array.Resize(ref _free, _free.Length * 2);
        _free[_freeCount++] = id;
    }

    private static int NextVersion(int version) => version == int.MaxValue ? 1 : version + 1;
}
