// The special lineage of an SMC-family coder: element t holds b_t, the slot whose particle at step t is
// on the path traced back from the selected index j (b_{T-1} = j). Width T.
namespace Engine.Components;

/// <summary>The lineage's slot b_t at one step (registered with width T).</summary>
/// <param name="Slot">Particle slot in [0, N).</param>
public record struct LineageSlot(int Slot);
