// Whether a chain resampled after step t, on the chain-step entity (t, b). Decided from fixed-point weights, so
// encoder and decoder agree; it selects which ancestor and lineage codes exist at step t + 1.
namespace Engine.Components;

/// <summary>1 when the chain resampled after step t, else 0.</summary>
/// <param name="Value">0 or 1.</param>
public record struct ResampleFlag(byte Value);
