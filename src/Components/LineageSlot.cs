// The special lineage of an SMC-family coder, on the chain-step entity (t, b): b_t, the slot whose particle at
// step t is on the path traced back from the selected index j (b_{T-1} = j). For the independent-particle coders
// (IS, CIS) it is the selected slot of their one step.
namespace Engine.Components;

/// <summary>The lineage's slot b_t at one step.</summary>
/// <param name="Slot">Particle slot in [0, N).</param>
public record struct LineageSlot(int Slot);
