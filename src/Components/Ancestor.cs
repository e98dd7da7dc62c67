// A particle's ancestor, on the particle-step entity (t, i, b): A_t^i, the slot at step t - 1 that particle i of
// step t descends from. Written only where the chain resampled after t - 1 (elsewhere the parent is the slot
// itself and the value is not read); unused at t = 0.
namespace Engine.Components;

/// <summary>The ancestor slot at the previous step.</summary>
/// <param name="Slot">Slot in [0, N) at step t - 1.</param>
public record struct Ancestor(int Slot);
