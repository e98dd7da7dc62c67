// CodingText: the few phrases that several commands print the same way (a coder configuration, a rate),
// formatted with the invariant culture so output and CSVs read the same on every machine.
using System.Globalization;
using Engine.Gpu;
using Engine.Systems;

namespace Engine.Cli.Coding;

/// <summary>Shared report phrases.</summary>
internal static class CodingText
{
    /// <summary>"BB-CIS N=16, 8 chains, seed 1".</summary>
    public static string Describe(CoderVariant coder, CoderOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"{coder.Name} N={options.Particles}, {options.Chains} chain{(options.Chains == 1 ? "" : "s")}, seed {options.Seed}");

    /// <summary>"BB-CIS N=16, 8 chains, seed 1, backend cpu".</summary>
    public static string Describe(CoderVariant coder, CoderOptions options, IRansBackend backend) =>
        Describe(coder, options) + ", backend " + backend.Name;

    /// <summary>A number with four decimals (bits per symbol or unit).</summary>
    public static string Bits(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>An integer with the invariant culture.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds with three significant digits.</summary>
    public static string Seconds(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
