// The state the scheduler hands every coder system once per tick: which unit step runs. One tick codes
// one unit (a symbol, or a sequence for the HMM) on every chain that still has one.
namespace Engine.Systems.Coding;

/// <summary>Per-tick state of a coder schedule.</summary>
/// <param name="UnitStep">Step s in encode order: chain b codes its unit UnitCount[b] - 1 - s (decode runs s downwards).</param>
internal readonly record struct CoderTick(int UnitStep);
