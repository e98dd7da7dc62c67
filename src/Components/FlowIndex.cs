// A CIF layer's index u_l on the index entity (l, b): a vector component of width IndexDims in the columns layout, as
// grid indices on the index grid (FlowContext.IndexScale).
namespace Engine.Components;

/// <summary>One coordinate of a CIF index, as a grid index (registered with width IndexDims, columns layout).</summary>
/// <param name="Value">Grid index, in [-2^30, 2^30).</param>
public record struct FlowIndex(int Value);
