// CoderVariant: a coder with its resampling policy, as the command line, sweep specs and sweep tables name it.
// The base names are CoderNames (the one mapping, shared with messages); variants sit on top: "bb-sis" is BB-SMC
// that never resamples, and "<smc-family>-adaptive" resamples when the fixed-point ESS drops below N/2.
namespace Engine.Systems;

/// <summary>A coder kind plus a resampling policy, with its display name.</summary>
/// <param name="Name">Display name ("BB-CIS", "BB-SIS", "BB-SMC-adaptive").</param>
/// <param name="Kind">The coder that runs.</param>
/// <param name="Resampling">Resampling policy (only SMC-family coders use it).</param>
public readonly record struct CoderVariant(string Name, CoderKind Kind, ResamplingMode Resampling)
{
    private const string AdaptiveSuffix = "-adaptive";
    private const string SisName = "BB-SIS";

    /// <summary>Every name the command line accepts, lower case, in the paper's order.</summary>
    public static IReadOnlyList<string> CliNames { get; } = BuildNames();

    /// <summary>Parses "bb-cis", "BB-AIS-BitSwap", "bb-sis", "bb-smc-adaptive", ...</summary>
    /// <exception cref="FormatException">Not a coder name.</exception>
    public static CoderVariant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (string.Equals(t, SisName, StringComparison.OrdinalIgnoreCase))
            return new CoderVariant(SisName, CoderKind.BbSmc, ResamplingMode.Never);
        if (t.EndsWith(AdaptiveSuffix, StringComparison.OrdinalIgnoreCase))
        {
            CoderKind baseKind = ParseBase(t[..^AdaptiveSuffix.Length], text);
            if (!IsSmcFamily(baseKind))
                throw new FormatException($"Coder '{text}': only BB-SMC and BB-CSMC resample, so only they have an -adaptive variant.");
            return new CoderVariant(CoderNames.ToName(baseKind) + AdaptiveSuffix, baseKind, ResamplingMode.Adaptive);
        }
        CoderKind kind = ParseBase(t, text);
        return new CoderVariant(CoderNames.ToName(kind), kind, ResamplingMode.Always);
    }

    /// <summary>Parses a comma-separated list of coder names.</summary>
    public static IReadOnlyList<CoderVariant> ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();

    /// <summary>The choice a decoded message describes (its coder name and recorded resampling policy).</summary>
    public static CoderVariant FromMessage(CoderKind kind, ResamplingMode resampling) => kind switch
    {
        CoderKind.BbSmc when resampling == ResamplingMode.Never => new CoderVariant(SisName, kind, resampling),
        _ when IsSmcFamily(kind) && resampling == ResamplingMode.Adaptive => new CoderVariant(CoderNames.ToName(kind) + AdaptiveSuffix, kind, resampling),
        _ => new CoderVariant(CoderNames.ToName(kind), kind, resampling),
    };

    /// <summary>Options for this coder with <paramref name="particles"/>, <paramref name="chains"/> and <paramref name="seed"/>.</summary>
    public CoderOptions ToOptions(int particles, int chains, ulong seed) => new()
    {
        Kind = Kind,
        Particles = particles,
        Chains = chains,
        Seed = seed,
        Resampling = Resampling,
    };

    /// <inheritdoc />
    public override string ToString() => Name;

    private static bool IsSmcFamily(CoderKind kind) => kind is CoderKind.BbSmc or CoderKind.BbCsmc;

    private static CoderKind ParseBase(string name, string original)
    {
        try
        {
            return CoderNames.Parse(name);
        }
        catch (FormatException)
        {
            throw new FormatException($"Unknown coder '{original}' (expected one of {string.Join(", ", CliNames)}).");
        }
    }

    private static string[] BuildNames()
    {
        var names = new List<string>();
        foreach (CoderKind kind in CoderNames.All)
        {
            string name = CoderNames.ToName(kind).ToLowerInvariant();
            names.Add(name);
            if (kind == CoderKind.BbSmc) names.Add(SisName.ToLowerInvariant());
            if (IsSmcFamily(kind)) names.Add(name + AdaptiveSuffix);
        }
        return names.ToArray();
    }
}
