// SweepPlots: the paper's toy figures as PNGs with ScottPlot 5 — net bits per unit vs N per coder with the
// entropy line (and the data's own −log2 p(x)), total bits vs N, initial bits of a one-unit message vs N,
// and encode seconds per unit vs N. N is on a log2 axis: points sit at log2 N with ticks labelled 1, 2,
// 4, …; the initial bits use a log2 y axis too (flat O(1) coders vs O(N) ones read as slopes 0 and 1).
// A coder swept at one N only (BB-ELBO) is drawn as a dashed horizontal reference line; the legend sits
// outside the data area so it never hides a point. Series that coincide (BB-CIS and BB-AIS-BitSwap both
// keep ~63 initial bits) stay visible: each has its own marker shape, and earlier series are drawn
// wider and larger so later ones sit inside them.
using System.Globalization;
using Engine.Cli.Infrastructure;
using ScottPlot;

using Engine.Systems;

namespace Engine.Cli.Sweep;

/// <summary>PNG plots of a sweep.</summary>
internal static class SweepPlots
{
    private const int Width = 900;
    private const int Height = 560;

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    /// <summary>File names written by <see cref="WriteAll"/>, in order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["net.png", "total.png", "initial.png", "seconds.png"];

    /// <summary>Writes every plot into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, string title, string unitName, IReadOnlyList<SweepCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        double entropy = cells.Count > 0 ? cells[0].EntropyBitsPerUnit : double.NaN, ideal = cells.Count > 0 ? cells[0].NegLogLikelihoodBitsPerUnit : double.NaN;
        (string, double)[] Lines(params (string, double)[] lines) => lines.Where(l => !double.IsNaN(l.Item2)).ToArray();
        var paths = new List<string>();
        string unit = unitName;
        void Save(string file, Plot plot) => paths.Add(SavePng(directory, file, plot));
        Save(FileNames[0], Build(cells, p => p.NetBitsPerUnit, $"{title}: net bits per {unit} (dashed: each coder's own bound)", $"net bits per {unit}",
            Lines(("entropy", entropy), ("-log2 p(data)", ideal)), bound: p => p.CoderBoundBitsPerUnit));
        Save(FileNames[1], Build(cells, p => p.TotalBitsPerUnit, $"{title}: total bits per {unit} (net + initial)", $"total bits per {unit}",
            Lines(("entropy", entropy))));
        Save(FileNames[2], Build(cells, p => p.InitialBitsOneUnit, $"{title}: initial bits of a one-{unit} message", "initial bits (log2 scale)", [], logY: true));
        Save(FileNames[3], Build(cells, p => p.SecondsPerUnit * 1e3, $"{title}: encode time per {unit}", $"ms per {unit}", []));
        return paths;
    }

    /// <summary>Writes <paramref name="plot"/> as <paramref name="directory"/>/<paramref name="file"/> (PNG, atomically); returns the path.</summary>
    public static string SavePng(string directory, string file, Plot plot)
    {
        string path = Path.Combine(directory, file);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
        return path;
    }

    /// <summary>One plot: a series per coder (and chain count when several were swept).</summary>
    internal static Plot Build(IReadOnlyList<SweepCell> points, Func<SweepCell, double> value, string title, string yLabel,
        IReadOnlyList<(string Label, double Y)> references, bool logY = false, Func<SweepCell, double>? bound = null)
    {
        var plot = new Plot();
        Func<SweepCell, double> y = logY ? p => Math.Log2(Math.Max(value(p), 1)) : value;
        bool severalChains = points.Select(p => p.Chains).Distinct().Count() > 1;
        int[] ns = points.Select(p => p.Particles).Distinct().Order().ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        int seriesCount = points.Select(p => (p.Coder, p.Chains)).Distinct().Count();
        foreach (var series in points.GroupBy(p => (p.Coder, p.Chains)))
        {
            SweepCell[] s = series.OrderBy(p => p.Particles).ToArray();
            string label = severalChains ? string.Create(CultureInfo.InvariantCulture, $"{series.Key.Coder} B={series.Key.Chains}") : series.Key.Coder;
            int index = colour++;
            Color color = palette.GetColor(index);
            float emphasis = seriesCount <= 1 ? 0 : (float)(seriesCount - 1 - index) / (seriesCount - 1); // 1 for the first series, 0 for the last
            if (s.Length == 1 && ns.Length > 1)
            {
                var line = plot.Add.HorizontalLine(y(s[0]));
                line.LegendText = label;
                line.Color = color;
                line.LinePattern = LinePattern.Dashed;
                line.LineWidth = 2;
                continue;
            }
            var scatter = plot.Add.Scatter(s.Select(p => Math.Log2(p.Particles)).ToArray(), s.Select(y).ToArray());
            scatter.LegendText = label;
            scatter.Color = color;
            scatter.LineWidth = 1.5f + 3 * emphasis;
            scatter.MarkerSize = 6 + 8 * emphasis;
            scatter.MarkerShape = Shapes[index % Shapes.Length];
            // The coder's own bound in its colour, dashed and unmarked, where it was measured.
            SweepCell[] bounded = bound is null ? [] : s.Where(p => !double.IsNaN(bound(p))).ToArray();
            if (bounded.Length > 1)
            {
                var own = plot.Add.Scatter(bounded.Select(p => Math.Log2(p.Particles)).ToArray(), bounded.Select(bound!).ToArray());
                own.LegendText = label + " own bound";
                own.Color = color;
                own.LinePattern = LinePattern.Dashed;
                own.LineWidth = 1.2f;
                own.MarkerSize = 0;
            }
        }
        foreach (var (label, level) in references)
        {
            if (double.IsNaN(level)) continue;
            var line = plot.Add.HorizontalLine(logY ? Math.Log2(level) : level);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{label} {level:F3}");
            line.Color = Colors.Black;
            line.LinePattern = label == "entropy" ? LinePattern.Dotted : LinePattern.DenselyDashed;
            line.LineWidth = 1.5f;
        }
        if (ns.Length > 0)
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                ns.Select(n => Math.Log2(n)).ToArray(), ns.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray());
        if (logY && points.Count > 0)
        {
            int low = (int)Math.Floor(points.Min(y)), high = (int)Math.Ceiling(points.Max(y));
            int[] powers = Enumerable.Range(low, high - low + 1).ToArray();
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                powers.Select(e => (double)e).ToArray(), powers.Select(e => Math.Pow(2, e).ToString("G", CultureInfo.InvariantCulture)).ToArray());
        }
        plot.Title(title);
        plot.XLabel("particles N (log2 scale)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
