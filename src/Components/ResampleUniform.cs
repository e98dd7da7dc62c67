// The coupled SMC coder's resampling randomness, on the chain-step entity (t, b): v_t, the uniform on 2^p values
// that places all N systematic-resampling points after step t.
namespace Engine.Components;

/// <summary>v_t in [0, 2^p).</summary>
/// <param name="Value">The uniform.</param>
public record struct ResampleUniform(uint Value);
