// VectorLayout: where a vector component's elements sit in a chunk column. Interleaved keeps an entity's W elements
// side by side (a row is one span: a latent vector handed to a function whole); Columns keeps element k of every row
// side by side (W scalar columns: a pass that reads element k of many rows walks one contiguous span, which is what
// SIMD-style passes over a whole chunk want). The choice is per component type and per world, fixed at registration.
namespace Engine.Ecs;

/// <summary>How a vector component's elements are laid out in a chunk column.</summary>
public enum VectorLayout
{
    /// <summary>Row r's elements at [r·width, (r+1)·width): <see cref="Chunk.GetVectorRow{T}"/> and <see cref="World.GetVector{T}"/> give one span.</summary>
    Interleaved,

    /// <summary>Element k of row r at [k·Capacity + r]: <see cref="Chunk.GetElementSpan{T}"/> gives element k of every row as one span.</summary>
    Columns,
}
