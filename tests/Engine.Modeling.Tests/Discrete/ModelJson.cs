// ModelJson: small JSON model files for the tests, built from an ordered list of fields (one per line, so
// error lines are predictable) with any field replaced, removed or added, so each test states only the
// one thing it breaks or varies.
namespace Engine.Modeling.Tests.Discrete;

/// <summary>Builds model-file JSON text from a base model and changes.</summary>
internal static class ModelJson
{
    /// <summary>A valid HMM: K = 2, V = 3, T = 4, bootstrap proposal. Line n + 1 holds field n.</summary>
    public static readonly (string Key, string Value)[] HmmFields =
    [
        ("kind", "\"hmm\""),
        ("sequence_length", "4"),
        ("prior", "[1, 3]"),
        ("transition", "[[3, 1], [1, 1]]"),
        ("emission", "[[1, 2, 3], [3, 2, 1]]"),
        ("proposal", "\"bootstrap\""),
    ];

    /// <summary>A valid mixture: K = 2, V = 3, uniform proposal.</summary>
    public static readonly (string Key, string Value)[] MixtureFields =
    [
        ("kind", "\"mixture\""),
        ("prior", "[1, 3]"),
        ("emission", "[[1, 2, 3], [3, 2, 1]]"),
        ("proposal", "\"uniform\""),
    ];

    /// <summary>The HMM with <paramref name="changes"/> applied (value null removes the key; a new key is appended).</summary>
    public static string Hmm(params (string Key, string? Value)[] changes) => Build(HmmFields, changes);

    /// <summary>The mixture with <paramref name="changes"/> applied.</summary>
    public static string Mixture(params (string Key, string? Value)[] changes) => Build(MixtureFields, changes);

    /// <summary>The fields as a JSON object, one field per line (the object's "{" on line 1).</summary>
    public static string Build((string Key, string Value)[] fields, (string Key, string? Value)[] changes)
    {
        var list = fields.Select(f => (f.Key, (string?)f.Value)).ToList();
        foreach ((string key, string? value) in changes)
        {
            int at = list.FindIndex(f => f.Key == key);
            if (at < 0) list.Add((key, value));
            else list[at] = (key, value);
        }
        IEnumerable<string> lines = list.Where(f => f.Item2 is not null).Select(f => $"  \"{f.Key}\": {f.Item2}");
        return "{\n" + string.Join(",\n", lines) + "\n}\n";
    }
}
