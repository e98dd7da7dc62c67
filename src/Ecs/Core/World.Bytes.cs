// World (raw bytes part): add or overwrite a component from its raw bytes, for CommandBuffer playback.
// How: the byte length must equal width × sizeof(T) for the world's registered width, checked before the entity
// moves, so a value recorded for a scalar can never be smeared over a vector component (or the reverse).
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ecs;

public sealed partial class World
{
    /// <summary>Adds <paramref name="type"/> to the entity with contents <paramref name="bytes"/> (width × element size long).</summary>
    internal void AddBytes(Entity entity, ComponentType type, ReadOnlySpan<byte> bytes)
    {
        EnsureNotIterating("Add", entity, type);
        Live(entity, "Add", type.Id);
        CheckLength(entity, type, Components.GetWidth(type), bytes.Length, "Add");
        Add(entity, type);
        ref var record = ref _records[entity.Id];
        int column = record.Chunk!.Archetype.Column(type.Id, entity);
        Archetype.WriteCell(record.Chunk, column, record.Row, bytes);
    }

    /// <summary>Overwrites the entity's <paramref name="type"/> with <paramref name="bytes"/> (width × element size long).</summary>
    internal void SetBytes(Entity entity, ComponentType type, ReadOnlySpan<byte> bytes)
    {
        ref var record = ref Live(entity, "Set", type.Id);
        var archetype = record.Chunk!.Archetype;
        int column = archetype.Column(type.Id, entity);
        CheckLength(entity, type, archetype.Widths[column], bytes.Length, "Set");
        Archetype.WriteCell(record.Chunk, column, record.Row, bytes);
    }

    private static void CheckLength(Entity entity, ComponentType type, int width, int bytes, string operation)
    {
        if (bytes != width * type.ByteSize)
            throw ComponentWidthException.Length(entity, type, width, bytes / type.ByteSize, operation);
    }
}
