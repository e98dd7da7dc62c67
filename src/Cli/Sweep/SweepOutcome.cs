// SweepOutcome: what a sweep produced — the averaged points (sweep.csv, plots, table), the per-seed runs
// (runs.csv), the cells that could not run and why, and the reference lines (entropy, the data's ideal
// code length).
using Engine.Systems;

namespace Engine.Cli.Sweep;

/// <summary>Results of a sweep.</summary>
/// <param name="Points">One point per cell, in plan order.</param>
/// <param name="Runs">One run per cell and seed.</param>
/// <param name="Skipped">Cells left out, each with its reason.</param>
/// <param name="Entropy">Source entropy in bits per unit.</param>
/// <param name="IdealBitsPerUnit">Mean −log2 p(x) of the swept data, bits per unit.</param>
/// <param name="Seconds">Wall time of the whole sweep.</param>
internal sealed record SweepOutcome(
    IReadOnlyList<SweepCell> Points,
    IReadOnlyList<SweepRecord> Runs,
    IReadOnlyList<string> Skipped,
    double Entropy,
    double IdealBitsPerUnit,
    double Seconds)
{
    /// <summary>False when any verified run failed to round-trip.</summary>
    public bool AllRoundTrips => Runs.All(r => r.RoundTrip != false);
}
