// SweepView: the sweep's result table for the terminal (Spectre): one row per cell with net, total and
// one-unit initial bits, the gap of net to the entropy, encode time per unit and the round-trip check.
using System.Globalization;
using Engine.Systems;
using Spectre.Console;

namespace Engine.Cli.Sweep;

/// <summary>Spectre rendering of sweep results.</summary>
internal static class SweepView
{
    /// <summary>Builds the table.</summary>
    public static Table Build(SweepOutcome outcome, string title, string unitName)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var inv = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumn("coder");
        foreach (string c in new[] { "N", "chains", $"net bits/{unitName}", $"total bits/{unitName}", "net - H", $"initial bits (1 {unitName})", $"ms/{unitName}" })
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        table.AddColumn("round trip");
        foreach (SweepCell p in outcome.Points)
        {
            table.AddRow(
                Markup.Escape(p.Coder),
                p.Particles.ToString(inv),
                p.Chains.ToString(inv),
                p.NetBitsPerUnit.ToString("F4", inv),
                p.TotalBitsPerUnit.ToString("F4", inv),
                (p.NetBitsPerUnit - p.EntropyBitsPerUnit).ToString("+0.0000;-0.0000", inv),
                p.InitialBitsOneUnit.ToString("F1", inv),
                (p.SecondsPerUnit * 1e3).ToString("G4", inv),
                p.RoundTrip switch { true => "ok", false => "FAILED", null => "-" });
        }
        return table;
    }
}
