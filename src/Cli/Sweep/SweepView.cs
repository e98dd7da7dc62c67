// SweepView: the sweep's result table for the terminal (Spectre): one row per cell with net, total and
// one-unit initial bits, the coder's own bound (−E log2 p̂ on clean bits, ± its standard error) and the excess of
// net over it, encode time per unit and the round-trip check; the model's name leads each row when a sweep has several.
using System.Globalization;
using Engine.Systems;
using Spectre.Console;

namespace Engine.Cli.Sweep;

/// <summary>Spectre rendering of sweep results.</summary>
internal static class SweepView
{
    /// <summary>Builds the table.</summary>
    public static Table Build(IReadOnlyList<SweepCell> cells, string title, string unitName)
    {
        ArgumentNullException.ThrowIfNull(cells);
        bool models = cells.Select(c => (c.Model, c.ModelSeed, c.DataSeed, c.Side)).Distinct().Count() > 1;
        var inv = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        if (models) table.AddColumn("model");
        table.AddColumn("coder");
        foreach (string c in new[] { "N", "chains", $"net bits/{unitName}", $"total bits/{unitName}", "own bound ± se", "excess", $"initial bits (1 {unitName})", $"ms/{unitName}" })
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        table.AddColumn("round trip");
        foreach (SweepCell p in cells)
        {
            var row = new List<string>();
            if (models) row.Add(Markup.Escape(p.Model));
            row.AddRange(
            [
                Markup.Escape(p.Coder),
                p.Particles.ToString(inv),
                p.Chains.ToString(inv),
                p.NetBitsPerUnit.ToString("F4", inv),
                p.TotalBitsPerUnit.ToString("F4", inv),
                double.IsNaN(p.CoderBoundBitsPerUnit) ? "" : $"{p.CoderBoundBitsPerUnit.ToString("F4", inv)} ± {p.CoderBoundStandardError.ToString("F4", inv)}",
                double.IsNaN(p.ExcessBitsPerUnit) ? "" : p.ExcessBitsPerUnit.ToString("+0.0000;-0.0000", inv),
                p.InitialBitsOneUnit.ToString("F1", inv),
                (p.SecondsPerUnit * 1e3).ToString("G4", inv),
                p.RoundTrip switch { true => "ok", false => "FAILED", null => "-" },
            ]);
            table.AddRow(row.ToArray());
        }
        return table;
    }
}
