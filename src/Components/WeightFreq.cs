// A particle's quantised normalised weight at step t: the integer frequency (out of 2^p) that
// categorical choices (ancestors, the final index j) are coded with. Width T.
namespace Engine.Components;

/// <summary>Quantised weight at step t (registered with width T).</summary>
/// <param name="Freq">Frequency out of 2^p, at least 1.</param>
public record struct WeightFreq(uint Freq);
