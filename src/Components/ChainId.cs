// The identity of a chain entity: which rANS lane (and which contiguous run of the data) it codes.
namespace Engine.Components;

/// <summary>A chain: one independent message coded on rANS lane <see cref="Lane"/> (v1 layout: lane = chain).</summary>
/// <param name="Lane">Lane index in the rANS lanes, equal to the chain index.</param>
public record struct ChainId(int Lane);
