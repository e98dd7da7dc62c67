// DecodeNeed: what one decode of a message claims, computed by DecodeBudget.Measure from the header alone.
namespace Engine.Systems;

/// <summary>What one decode claims: total symbols, particles per chain, coder weight, particle-steps and live particles.</summary>
/// <param name="Symbols">Symbols over all chains.</param>
/// <param name="Particles">Particles (or annealing steps) per symbol.</param>
/// <param name="Weight">Cost of one step relative to a BB-IS particle step.</param>
/// <param name="Work">Symbols × particles × weight.</param>
/// <param name="LiveParticles">Chains × particles.</param>
public readonly record struct DecodeNeed(long Symbols, long Particles, int Weight, long Work, long LiveParticles);
