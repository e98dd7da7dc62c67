// A level z_l of a flow (l = 0 .. L; level L is the dequantised data) on the level entity (l, b): a vector component of
// width D in the columns layout, so coordinate i of every level-chain is one lane-major span. Values are grid indices:
// the level's value is Value * 2^-g for the level's grid exponent g (FlowContext.LevelScale).
namespace Engine.Components;

/// <summary>One coordinate of a flow level, as a grid index (registered with width D, columns layout).</summary>
/// <param name="Value">Grid index, in [-2^30, 2^30).</param>
public record struct FlowLatent(int Value);
