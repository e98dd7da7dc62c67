// The coupled index coder's shared randomness on the index entity (l, b): one word per coordinate of u_l, from which every
// particle's index coordinate is drawn by CoupledGridDraw after a per-particle shift. Width IndexDims, columns layout.
namespace Engine.Components;

/// <summary>A shared word in [0, 2^42) (registered with width IndexDims, columns layout).</summary>
/// <param name="Value">The word.</param>
public record struct FlowCoupledWord(ulong Value);
