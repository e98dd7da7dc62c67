// ProfileTable: formats system profiles as a fixed-width text table (what `mcbits profile` prints).
// How: one row per system in schedule order — group, system, calls, total ms, its share of all systems' time and
// (given the scheduler's wall time over its ticks) of the wall time, mean and median µs, entities, entities per
// second and the counter totals — plus a total row; the gap between the systems' total and the wall time is the
// scheduler's own overhead (and, for a host, whatever ran between the systems inside its ticks).
using System.Globalization;
using System.Text;

namespace Engine.Ecs.Scheduling;

/// <summary>Plain-text rendering of <see cref="SystemProfile"/>s.</summary>
public static class ProfileTable
{
    /// <summary>A table with one line per profile and a total line.</summary>
    public static string Format(IEnumerable<SystemProfile> profiles, TimeSpan? wallTime = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        var rows = new List<string[]>
        {
            new[] { "group", "system", "calls", "total ms", "% systems", "% wall", "mean µs", "median µs", "entities", "entities/s", "counters" },
        };
        var inv = CultureInfo.InvariantCulture;
        double total = list.Sum(p => p.Total.TotalMilliseconds);
        double wall = wallTime?.TotalMilliseconds ?? 0;
        string Share(double ms, double of) => of > 0 ? (100 * ms / of).ToString("F1", inv) : "";
        foreach (var p in list)
        {
            double ms = p.Total.TotalMilliseconds;
            rows.Add(
            [
                p.Group, p.Name, p.Calls.ToString(inv), ms.ToString("F3", inv), Share(ms, total), Share(ms, wall),
                p.Mean.TotalMicroseconds.ToString("F1", inv), p.Median.TotalMicroseconds.ToString("F1", inv),
                p.Entities.ToString(inv), p.EntitiesPerSecond.ToString("G4", inv),
                string.Join(" ", p.Counters.Select(c => $"{c.Key}={c.Value.ToString(inv)}")),
            ]);
        }
        rows.Add(["total", "", "", total.ToString("F3", inv), Share(total, total), Share(total, wall), "", "", list.Sum(p => p.Entities).ToString(inv), "", ""]);
        if (wall > 0) rows.Add(["wall", "", "", wall.ToString("F3", inv), "", Share(wall, wall), "", "", "", "", ""]);
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (var row in rows)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (int c = 0; c < columns; c++)
            {
                bool numeric = c >= 2 && c <= 9;
                text.Append(numeric ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
                if (c < columns - 1) text.Append("  ");
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
