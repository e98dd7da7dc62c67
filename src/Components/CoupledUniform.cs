// The coupled coders' shared particle randomness, on the chain-step entity (t, b): u_{t,l}, the uniform on 2^r
// values from which every particle's latent in dimension l is the inverse CDF of a slot-shifted copy. Width L,
// columns layout.
namespace Engine.Components;

/// <summary>u_{t,l} in [0, 2^r) (registered with width L, columns layout).</summary>
/// <param name="Value">The uniform.</param>
public record struct CoupledUniform(uint Value);
