// SweepResult: what SweepRunner produced — every run (runs.csv), every cell with its seeds averaged (sweep.csv,
// plots, tables), the cells that could not run and why, and the wall time.
namespace Engine.Systems;

/// <summary>The runs and cells of a finished sweep.</summary>
public sealed record SweepResult(IReadOnlyList<SweepRecord> Records, IReadOnlyList<SweepCell> Cells, IReadOnlyList<string> Skipped, double Seconds)
{
    /// <summary>False when some decode did not give the data back.</summary>
    public bool AllRoundTrips => Records.All(r => r.RoundTrip != false);
}
