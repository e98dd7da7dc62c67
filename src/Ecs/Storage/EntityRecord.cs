// EntityRecord: one slot of the world's entity table — where the entity lives and the slot's version.
// How: Chunk is null for a free slot; Version is the live version (or, for a free slot, the version its next
// owner will get), so "handle.Version == record.Version && record.Chunk != null" is the whole liveness test.
namespace Engine.Ecs;

internal struct EntityRecord
{
    public Chunk? Chunk;
    public int Row;
    public int Version;
}
