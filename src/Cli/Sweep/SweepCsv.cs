// SweepCsv: writes sweep.csv (one averaged row per cell, the columns the README and plots use) and
// runs.csv (one row per cell and seed, with the file size and round-trip result), invariant culture,
// atomically, so a half-written CSV never looks like a finished sweep.
using System.Globalization;
using System.Text;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Sweep;

/// <summary>CSV output of a sweep.</summary>
internal static class SweepCsv
{
    /// <summary>Header of sweep.csv.</summary>
    public const string PointsHeader = "coder,N,chains,net_bits_per_unit,total_bits_per_unit,initial_bits_one_unit,seconds_per_unit,entropy";

    /// <summary>Header of runs.csv.</summary>
    public const string RunsHeader = "coder,N,chains,seed,net_bits_per_unit,total_bits_per_unit,initial_bits_per_chain,initial_bits_one_unit,seconds_per_unit,decode_seconds_per_unit,file_bytes,round_trip";

    /// <summary>sweep.csv text.</summary>
    public static string FormatPoints(IEnumerable<SweepPoint> points)
    {
        var text = new StringBuilder().Append(PointsHeader).Append('\n');
        foreach (SweepPoint p in points)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{p.Coder},{p.Particles},{p.Chains},{p.NetBitsPerUnit:F6},{p.TotalBitsPerUnit:F6},{p.InitialBitsOneUnit:F3},{p.SecondsPerUnit:G6},{p.Entropy:F6}"));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>runs.csv text.</summary>
    public static string FormatRuns(IEnumerable<SweepRun> runs)
    {
        var text = new StringBuilder().Append(RunsHeader).Append('\n');
        foreach (SweepRun r in runs)
        {
            string ok = r.RoundTrip switch { true => "ok", false => "FAILED", null => "not_verified" };
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Coder},{r.Particles},{r.Chains},{r.Seed},{r.NetBitsPerUnit:F6},{r.TotalBitsPerUnit:F6},{r.InitialBitsPerChain:F3},{r.InitialBitsOneUnit:F3},{r.SecondsPerUnit:G6},{r.DecodeSecondsPerUnit:G6},{r.FileBytes},{ok}"));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (UTF-8, no BOM).</summary>
    public static void Write(string path, string text) => AtomicFile.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
}
