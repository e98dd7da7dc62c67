// The quantised normalised weights of step t, on the chain-step entity (t, b), as one cumulative row: element i
// is the start of particle i's interval out of 2^p (element 0 = 0, element N = 2^p, every interval at least 1).
// Categorical choices (ancestors, the final index j) are coded and searched with it. Width N + 1, interleaved
// layout: a lane's whole row is one span, which is what a CDF search wants.
namespace Engine.Components;

/// <summary>Cumulative quantised weight (registered with width N + 1, interleaved: one chain-step's row together).</summary>
/// <param name="Start">Start of particle i's interval out of 2^p (or 2^p for element N).</param>
public record struct WeightCdf(uint Start);
