// A proposal particle's index u^k_l of the importance-sampling flow coder (McBits over a CIF's index), on the particle-layer
// entity (k, l, b): a vector component of width IndexDims in the columns layout, as grid indices on the index grid.
namespace Engine.Components;

/// <summary>One coordinate of a particle's CIF index, as a grid index (registered with width IndexDims, columns layout).</summary>
/// <param name="Value">Grid index, in [-2^30, 2^30).</param>
public record struct FlowParticleIndex(int Value);
