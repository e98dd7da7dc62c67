// SweepCsv: the one CSV schema of every sweep. runs.csv has a row per run (SweepRecord), sweep.csv a row per cell
// (SweepCell: seeds averaged, with standard deviations); both start with the columns that say which grid,
// model, data and coder a row is, so the toy presets, the VAE table and a user's C# grid can be concatenated
// and compared. Invariant culture; NaN is an empty field; a text field with a comma, quote or line break is
// quoted (RFC 4180).
using System.Globalization;
using System.Text;

namespace Engine.Systems;

/// <summary>Formats sweep runs and cells as CSV.</summary>
public static class SweepCsv
{
    private const string Key = "preset,model,model_seed,data_seed,side,coder,N,chains";

    /// <summary>Header of runs.csv.</summary>
    public const string RunsHeader = Key + ",seed,unit,units,symbols_per_unit,net_bits_per_unit,total_bits_per_unit,initial_bits_per_chain,"
        + "initial_bits_one_unit,encode_seconds_per_unit,decode_seconds_per_unit,file_bytes,round_trip,entropy_bits_per_unit,neg_elbo_bits_per_unit,"
        + "neg_log_likelihood_bits_per_unit,coder_bound_bits_per_unit,coder_bound_se,excess_bits_per_unit";

    /// <summary>Header of sweep.csv.</summary>
    public const string CellsHeader = Key + ",unit,symbols_per_unit,seeds,net_bits_per_unit,net_bits_std,total_bits_per_unit,total_bits_std,"
        + "initial_bits_one_unit,seconds_per_unit,seconds_std,file_bytes,round_trip,entropy_bits_per_unit,neg_elbo_bits_per_unit,"
        + "neg_log_likelihood_bits_per_unit,coder_bound_bits_per_unit,coder_bound_se,excess_bits_per_unit,excess_se,within_tolerance";

    /// <summary>runs.csv text.</summary>
    public static string FormatRuns(IEnumerable<SweepRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder(RunsHeader).Append('\n');
        foreach (SweepRecord r in runs)
        {
            KeyFields(text, r.Preset, r.Model, r.ModelSeed, r.DataSeed, r.Side, r.Coder, r.Particles, r.Chains);
            Fields(text, Int(r.Seed), Text(r.Unit), Int(r.Units), Int(r.SymbolsPerUnit), Bits(r.NetBitsPerUnit), Bits(r.TotalBitsPerUnit),
                Number(r.InitialBitsPerChain, "F3"), Number(r.InitialBitsOneUnit, "F3"), Number(r.EncodeSecondsPerUnit, "G6"), Number(r.DecodeSecondsPerUnit, "G6"),
                Int(r.FileBytes), RoundTrip(r.RoundTrip), Bits(r.EntropyBitsPerUnit), Bits(r.NegElboBitsPerUnit), Bits(r.NegLogLikelihoodBitsPerUnit),
                Bits(r.CoderBoundBitsPerUnit), Bits(r.CoderBoundStandardError), Bits(r.ExcessBitsPerUnit));
        }
        return text.ToString();
    }

    /// <summary>sweep.csv text; with a <paramref name="tolerance"/> (bits per unit) each cell also says whether its excess is within it
    /// plus two standard errors (<see cref="SweepCell.Passes"/>).</summary>
    public static string FormatCells(IEnumerable<SweepCell> cells, double tolerance = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var text = new StringBuilder(CellsHeader).Append('\n');
        foreach (SweepCell c in cells)
        {
            KeyFields(text, c.Preset, c.Model, c.ModelSeed, c.DataSeed, c.Side, c.Coder, c.Particles, c.Chains);
            Fields(text, Text(c.Unit), Int(c.SymbolsPerUnit), Int(c.Seeds), Bits(c.NetBitsPerUnit), Bits(c.NetBitsStd), Bits(c.TotalBitsPerUnit), Bits(c.TotalBitsStd),
                Number(c.InitialBitsOneUnit, "F3"), Number(c.SecondsPerUnit, "G6"), Number(c.SecondsStd, "G6"), Number(c.FileBytes, "F1"), RoundTrip(c.RoundTrip),
                Bits(c.EntropyBitsPerUnit), Bits(c.NegElboBitsPerUnit), Bits(c.NegLogLikelihoodBitsPerUnit),
                Bits(c.CoderBoundBitsPerUnit), Bits(c.CoderBoundStandardError), Bits(c.ExcessBitsPerUnit),
                double.IsNaN(c.ExcessBitsPerUnit) ? "" : Bits(c.ExcessStandardError), c.Passes(tolerance) switch { true => "yes", false => "no", null => "" });
        }
        return text.ToString();
    }

    private static void KeyFields(StringBuilder text, string preset, string model, string modelSeed, string dataSeed, string side, string coder, int n, int chains) =>
        text.Append(Text(preset)).Append(',').Append(Text(model)).Append(',').Append(Text(modelSeed)).Append(',').Append(Text(dataSeed)).Append(',')
            .Append(Text(side)).Append(',').Append(Text(coder)).Append(',').Append(Int(n)).Append(',').Append(Int(chains));

    private static void Fields(StringBuilder text, params string[] fields)
    {
        foreach (string f in fields) text.Append(',').Append(f);
        text.Append('\n');
    }

    private static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Int(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Bits(double v) => Number(v, "F6");

    private static string Number(double v, string format) => double.IsNaN(v) ? "" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string RoundTrip(bool? ok) => ok switch { true => "ok", false => "FAILED", null => "not_verified" };

    /// <summary>A text field, quoted when it holds a comma, a quote or a line break.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
