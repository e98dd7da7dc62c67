// The coders' display names as written in messages and tables ("BB-IS", "BB-AIS-BitSwap", ...), and the
// parse back, which also accepts the enum names ("BbIs") and is case-insensitive.
namespace Engine.Systems;

/// <summary>Display names of <see cref="CoderKind"/>.</summary>
public static class CoderNames
{
    private static readonly (CoderKind Kind, string Name)[] Names =
    [
        (CoderKind.BbElbo, "BB-ELBO"),
        (CoderKind.BbIs, "BB-IS"),
        (CoderKind.BbCis, "BB-CIS"),
        (CoderKind.BbAis, "BB-AIS"),
        (CoderKind.BbAisBitSwap, "BB-AIS-BitSwap"),
        (CoderKind.BbSmc, "BB-SMC"),
        (CoderKind.BbCsmc, "BB-CSMC"),
    ];

    /// <summary>All coders in the order of the paper's tables.</summary>
    public static IReadOnlyList<CoderKind> All { get; } = Names.Select(n => n.Kind).ToArray();

    /// <summary>"BB-IS" for <see cref="CoderKind.BbIs"/>, and so on.</summary>
    public static string ToName(CoderKind kind)
    {
        foreach (var (k, name) in Names)
            if (k == kind) return name;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown coder kind.");
    }

    /// <summary>Parses "BB-IS", "bb-is", "BbIs" or "bbis".</summary>
    /// <exception cref="FormatException">No coder has that name.</exception>
    public static CoderKind Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string key = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();
        foreach (var (k, name) in Names)
            if (string.Equals(key, name.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)) return k;
        throw new FormatException($"Unknown coder '{text}' (expected one of {string.Join(", ", Names.Select(n => n.Name))}).");
    }
}
