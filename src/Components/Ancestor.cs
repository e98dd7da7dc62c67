// A particle's ancestor: element t holds A_{t-1}, the slot at step t-1 this particle descends from
// (identity when the chain did not resample). Width T; element 0 is unused.
namespace Engine.Components;

/// <summary>The ancestor slot at the previous step (registered with width T).</summary>
/// <param name="Slot">Slot in [0, N) at step t - 1.</param>
public record struct Ancestor(int Slot);
