// ProfileView: renders the scheduler's per-system profiles (Engine.Ecs SystemProfile) as a Spectre table in
// schedule order — system, calls, total ms and its share of all systems' time and of the run's wall time (the
// encode or decode as the codec timed it, set-up included), mean and median µs, entities touched and the system's
// work counters (rANS pushes/pops and the like) — with a total row and, given the wall time, a wall row.
using System.Globalization;
using Engine.Ecs.Scheduling;
using Spectre.Console;

namespace Engine.Cli.Profiling;

/// <summary>Spectre rendering of system profiles.</summary>
internal static class ProfileView
{
    /// <summary>Builds the table for <paramref name="profiles"/>.</summary>
    public static Table Build(IReadOnlyList<SystemProfile> profiles, string title, double wallSeconds = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var inv = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumn("system");
        foreach (string numeric in new[] { "calls", "total ms", "% systems", "% wall", "mean µs", "median µs", "entities" })
            table.AddColumn(new TableColumn(numeric).RightAligned());
        table.AddColumn("counters");
        double totalMs = profiles.Sum(p => p.Total.TotalMilliseconds), wallMs = wallSeconds * 1e3;
        string Share(double ms, double of) => of > 0 ? (ms / of).ToString("P1", inv) : "-";
        foreach (SystemProfile p in profiles.OrderBy(p => p.Order))
        {
            double ms = p.Total.TotalMilliseconds;
            table.AddRow(
                Markup.Escape($"{p.Group}/{p.Name}"),
                p.Calls.ToString(inv),
                ms.ToString("F3", inv),
                Share(ms, totalMs),
                Share(ms, wallMs),
                p.Mean.TotalMicroseconds.ToString("F1", inv),
                p.Median.TotalMicroseconds.ToString("F1", inv),
                p.Entities.ToString(inv),
                Markup.Escape(FormatCounters(p.Counters)));
        }
        table.AddRow("total", profiles.Sum(p => p.Calls).ToString(inv), totalMs.ToString("F3", inv), "", Share(totalMs, wallMs), "", "",
            profiles.Sum(p => p.Entities).ToString(inv), Markup.Escape(FormatCounters(SumCounters(profiles))));
        if (wallMs > 0) table.AddRow("wall (encode or decode)", "", wallMs.ToString("F3", inv), "", "100.0 %", "", "", "", "");
        return table;
    }

    /// <summary>"rans.pop=10 rans.push=20" in name order.</summary>
    internal static string FormatCounters(IReadOnlyDictionary<string, long> counters) =>
        string.Join(' ', counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value.ToString(CultureInfo.InvariantCulture)));

    private static Dictionary<string, long> SumCounters(IEnumerable<SystemProfile> profiles)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (SystemProfile p in profiles)
            foreach (var (name, value) in p.Counters) sum[name] = sum.GetValueOrDefault(name) + value;
        return sum;
    }
}
