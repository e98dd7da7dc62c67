// ProfileTable: formats system profiles as a fixed-width text table (what `mcbits profile` prints).
// How: one row per system in schedule order — group, system, calls, total ms, mean and median µs, entities,
// entities per second and the counter totals — plus a total row for wall time.
using System.Globalization;
using System.Text;

namespace Engine.Ecs.Scheduling;

/// <summary>Plain-text rendering of <see cref="SystemProfile"/>s.</summary>
public static class ProfileTable
{
    /// <summary>A table with one line per profile and a total line.</summary>
    public static string Format(IEnumerable<SystemProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        var rows = new List<string[]>
        {
            new[] { "group", "system", "calls", "total ms", "mean µs", "median µs", "entities", "entities/s", "counters" },
        };
        var inv = CultureInfo.InvariantCulture;
        foreach (var p in list)
        {
            rows.Add(
            [
                p.Group, p.Name, p.Calls.ToString(inv), p.Total.TotalMilliseconds.ToString("F3", inv),
                p.Mean.TotalMicroseconds.ToString("F1", inv), p.Median.TotalMicroseconds.ToString("F1", inv),
                p.Entities.ToString(inv), p.EntitiesPerSecond.ToString("G4", inv),
                string.Join(" ", p.Counters.Select(c => $"{c.Key}={c.Value.ToString(inv)}")),
            ]);
        }
        double total = list.Sum(p => p.Total.TotalMilliseconds);
        rows.Add(["total", "", "", total.ToString("F3", inv), "", "", list.Sum(p => p.Entities).ToString(inv), "", ""]);
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (var row in rows)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (int c = 0; c < columns; c++)
            {
                bool numeric = c >= 2 && c <= 7;
                text.Append(numeric ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
                if (c < columns - 1) text.Append("  ");
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
