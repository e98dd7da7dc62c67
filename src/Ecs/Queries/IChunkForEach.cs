// IChunkForEach: a struct callback that receives whole chunks (World.InlineChunkQuery / ParallelChunkQuery).
// How: the query is generic over the struct, so Update is a direct (inlinable) call once per chunk; the body
// takes the chunk's spans and runs its own vectorisable loop.
namespace Engine.Ecs;

/// <summary>Struct callback called once per matching chunk.</summary>
public interface IChunkForEach
{
    /// <summary>Processes rows 0..chunk.Count−1 of <paramref name="chunk"/>.</summary>
    void Update(Chunk chunk);
}
