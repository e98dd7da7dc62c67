// Ties a particle entity to its chain and slot. Passes index gathered arrays by (Chain, Slot), never by
// iteration order, which the ECS leaves unspecified.
namespace Engine.Components;

/// <summary>The owning chain and slot of a particle.</summary>
/// <param name="Chain">Chain (lane) index.</param>
/// <param name="Slot">Slot in [0, N) within the chain.</param>
public record struct ParticleOf(int Chain, int Slot);
