// A coupled particle's position in the proposal's cumulative range: op_i(u) = (u + shift_i) mod 2^r.
// Its latent is the proposal's inverse CDF at this point, so all N particles come from one uniform.
namespace Engine.Components;

/// <summary>The particle's shifted copy of the chain's uniform, in [0, 2^r).</summary>
/// <param name="Value">op_slot(u).</param>
public record struct CoupledUniform(uint Value);
