// CommandBuffer: records structural changes (create, destroy, add, remove, set) during a query and applies them
// to a world afterwards with Playback, in recording order. How: commands are structs in an array and component
// values are copied as raw bytes into one payload array (no boxing, no per-command allocation once warm). Create
// returns a placeholder entity (negative id) that later commands of the same buffer may use; Playback maps each
// placeholder to the real entity it created. Recording is thread-safe (a lock per command), so parallel query
// bodies may share one buffer; commands from different threads interleave in an unspecified order.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

/// <summary>
/// Deferred structural changes. Record during iteration, then <see cref="Playback"/> on the world. Recording is
/// thread-safe; the order between threads is unspecified, the order within one thread is kept.
/// </summary>
public sealed class CommandBuffer
{
    private readonly object _gate = new();
    private RecordedCommand[] _commands = new RecordedCommand[32];
    private int _count;
    private byte[] _payload = new byte[256];
    private int _payloadUsed;
    private readonly List<Signature> _signatures = [];
    private int _deferred;

    /// <summary>Number of recorded commands not yet played back.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    /// <summary>Records the creation of an entity with no components; returns its placeholder.</summary>
    public Entity Create() => Create(Signature.Empty);

    /// <summary>Records the creation of an entity with zeroed components <paramref name="types"/>; returns its placeholder.</summary>
    /// <exception cref="DuplicateComponentException">A type is listed twice.</exception>
    public Entity Create(params ComponentType[] types) => Create(new Signature(types));

    /// <summary>Records the creation of an entity with zeroed components of <paramref name="signature"/>; returns its placeholder.</summary>
    public Entity Create(in Signature signature)
    {
        lock (_gate)
        {
            var placeholder = new Entity(-(++_deferred), 0);
            _signatures.Add(signature);
            Append(CommandKind.Create, placeholder, -1, [], _signatures.Count - 1);
            return placeholder;
        }
    }

    /// <summary>Records the destruction of <paramref name="entity"/> (a world entity or a placeholder of this buffer).</summary>
    public void Destroy(Entity entity) => Record(CommandKind.Destroy, entity, -1, []);

    /// <summary>Records adding scalar component <typeparamref name="T"/> with <paramref name="value"/>.</summary>
    public void Add<T>(Entity entity, in T value = default) where T : unmanaged =>
        Record(CommandKind.Add, entity, Component<T>.Id, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    /// <summary>Records adding component <typeparamref name="T"/> holding <paramref name="values"/> (its width long).</summary>
    public void Add<T>(Entity entity, ReadOnlySpan<T> values) where T : unmanaged =>
        Record(CommandKind.Add, entity, Component<T>.Id, MemoryMarshal.AsBytes(values));

    /// <summary>Records overwriting scalar component <typeparamref name="T"/> with <paramref name="value"/>.</summary>
    public void Set<T>(Entity entity, in T value) where T : unmanaged =>
        Record(CommandKind.Set, entity, Component<T>.Id, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    /// <summary>Records overwriting component <typeparamref name="T"/>'s elements with <paramref name="values"/> (its width long).</summary>
    public void SetVector<T>(Entity entity, ReadOnlySpan<T> values) where T : unmanaged =>
        Record(CommandKind.Set, entity, Component<T>.Id, MemoryMarshal.AsBytes(values));

    /// <summary>Records removing component <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity) where T : unmanaged => Record(CommandKind.Remove, entity, Component<T>.Id, []);

    /// <summary>
    /// Applies the recorded commands to <paramref name="world"/> in order, then empties the buffer. If a command fails
    /// (e.g. a <see cref="DeadEntityException"/>), the commands before it stay applied, the rest are dropped, and the
    /// exception propagates.
    /// </summary>
    /// <exception cref="StructuralChangeException">The world is being iterated.</exception>
    public void Playback(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        lock (_gate)
        {
            try
            {
                world.EnsureNotIterating("Playback", null, null);
                var resolved = _deferred == 0 ? [] : new Entity[_deferred];
                for (int i = 0; i < _count; i++)
                {
                    ref var command = ref _commands[i];
                    var payload = new ReadOnlySpan<byte>(_payload, command.PayloadOffset, command.PayloadLength);
                    if (command.Kind == CommandKind.Create)
                    {
                        resolved[-command.Entity.Id - 1] = world.Create(_signatures[command.SignatureIndex]);
                        continue;
                    }
                    var entity = command.Entity.IsDeferred ? resolved[-command.Entity.Id - 1] : command.Entity;
                    switch (command.Kind)
                    {
                        case CommandKind.Destroy:
                            world.Destroy(entity);
                            break;
                        case CommandKind.Add:
                            world.AddBytes(entity, ComponentTypes.Get(command.ComponentId), payload);
                            break;
                        case CommandKind.Set:
                            world.SetBytes(entity, ComponentTypes.Get(command.ComponentId), payload);
                            break;
                        case CommandKind.Remove:
                            world.Remove(entity, ComponentTypes.Get(command.ComponentId));
                            break;
                    }
                }
            }
            finally
            {
                ClearLocked();
            }
        }
    }

    /// <summary>Drops every recorded command without applying it.</summary>
    public void Clear()
    {
        lock (_gate) ClearLocked();
    }

    private void Record(CommandKind kind, Entity entity, int componentId, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            if (entity.IsNull) throw new ArgumentException($"cannot record {kind} for Entity.Null", nameof(entity));
            if (entity.IsDeferred && -entity.Id > _deferred)
                throw new ArgumentException($"{entity} is not a placeholder of this command buffer", nameof(entity));
            Append(kind, entity, componentId, payload, -1);
        }
    }

    private void Append(CommandKind kind, Entity entity, int componentId, ReadOnlySpan<byte> payload, int signatureIndex)
    {
        if (_count == _commands.Length) Array.Resize(ref _commands, _count * 2);
        if (_payloadUsed + payload.Length > _payload.Length)
            Array.Resize(ref _payload, Math.Max(_payload.Length * 2, _payloadUsed + payload.Length));
        payload.CopyTo(_payload.AsSpan(_payloadUsed));
        _commands[_count++] = new RecordedCommand
        {
            Kind = kind,
            Entity = entity,
            ComponentId = componentId,
            PayloadOffset = _payloadUsed,
            PayloadLength = payload.Length,
            SignatureIndex = signatureIndex,
        };
        _payloadUsed += payload.Length;
    }

    private void ClearLocked()
    {
        Array.Clear(_commands, 0, _count);
        _count = 0;
        _payloadUsed = 0;
        _signatures.Clear();
        _deferred = 0;
    }
}
