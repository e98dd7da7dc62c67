// SweepSpecFile: `mcbits sweep --spec file.json`, a sweep grid written down instead of a preset. The file names
// the sweep, its data sets — each a model (a toy model name with its model_seed, or a JSON model file) with data
// sampled from it (units, data_seed) or read from a file (data) — the coders (variants such as bb-smc-adaptive, or
// a "resampling" list that every SMC-family coder named without a variant runs with), particles, chains and seeds:
//   { "name": "weather", "models": [{ "model": "toy-hmm", "units": 200 }, { "model": "weather-hmm.json", "units": 300, "data_seed": 2 }],
//     "coders": ["bb-elbo", "bb-smc", "bb-csmc"], "resampling": ["always", "adaptive"], "particles": [1, 4, 16],
//     "chains": [1], "seeds": [1, 2, 3] }
// Paths are relative to the spec file. The file is untrusted input like any other: read within a byte limit,
// every list and count bounded, every unknown field refused, and every error one usage line naming the field.
using System.Globalization;
using System.Text.Json;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Modeling.Discrete;
using Engine.Models.Toy;
using Engine.Systems;

namespace Engine.Cli.Sweep;

/// <summary>Reads sweep spec files into <see cref="SweepGrid"/>s.</summary>
internal static class SweepSpecFile
{
    /// <summary>Largest spec file read.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Most entries of any list in a spec.</summary>
    public const int MaxListLength = 64;

    /// <summary>Most units one data set samples.</summary>
    public const int MaxUnits = 1_000_000;

    private const int DefaultUnits = 200;

    private static readonly string[] Fields = ["name", "models", "coders", "resampling", "particles", "chains", "seeds", "verify", "tolerance"];
    private static readonly string[] ModelFields = ["model", "model_seed", "units", "data_seed", "data"];

    /// <summary>The grid <paramref name="path"/> describes (data sampled or read now).</summary>
    /// <exception cref="CliException">The file is missing, too large, not JSON, or a field is wrong (usage, exit 1).</exception>
    public static SweepGrid Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new CliException($"sweep spec not found: {Ans.Messages.UntrustedText.Excerpt(path)}", ExitCodes.Failed);
        if (file.Length > MaxBytes) throw new CliException($"sweep spec {Ans.Messages.UntrustedText.Excerpt(path)} is larger than {MaxBytes} bytes", ExitCodes.Usage);
        string where = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 });
            return Parse(doc.RootElement, where);
        }
        catch (JsonException e)
        {
            throw new CliException($"sweep spec {Ans.Messages.UntrustedText.Excerpt(path)} is not valid JSON: {e.Message}", ExitCodes.Usage);
        }
        catch (FormatException e)
        {
            throw new CliException($"sweep spec {Ans.Messages.UntrustedText.Excerpt(path)}: {e.Message}", ExitCodes.Usage);
        }
    }

    private static SweepGrid Parse(JsonElement root, string where)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the spec must be a JSON object");
        Known(root, Fields, "the spec");
        string name = root.TryGetProperty("name", out JsonElement n) ? Text(n, "name") : "spec";
        if (name.Length == 0 || name.Length > 64 || name.AsSpan().IndexOfAny("/\\\0\r\n,\"") >= 0)
            throw new FormatException("\"name\" must be 1 to 64 characters without slashes, commas, quotes or line breaks");
        var models = List(root, "models", required: true).Select((m, i) => Data(m, $"models[{i}]", where)).ToArray();
        if (models.Length == 0) throw new FormatException("\"models\" names no model");
        IReadOnlyList<string> resampling = root.TryGetProperty("resampling", out _) ? List(root, "resampling", false).Select((e, i) => Text(e, $"resampling[{i}]")).ToArray() : [];
        var coders = new List<CoderVariant>();
        foreach (var (e, i) in List(root, "coders", required: true).Select((e, i) => (e, i)))
            coders.AddRange(Coders(Text(e, $"coders[{i}]"), resampling, $"coders[{i}]"));
        if (coders.Count == 0) throw new FormatException("\"coders\" names no coder");
        return new SweepGrid
        {
            Name = name,
            Data = models,
            Coders = coders.DistinctBy(c => c.Name).ToArray(),
            Particles = Counts(root, "particles", [1, 16]),
            Chains = Counts(root, "chains", [1]),
            Seeds = root.TryGetProperty("seeds", out _) ? List(root, "seeds", false).Select((e, i) => (ulong)Number(e, $"seeds[{i}]", 0, long.MaxValue)).Distinct().ToArray() : [1],
            Verify = !root.TryGetProperty("verify", out JsonElement v) || (v.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? v.GetBoolean() : throw new FormatException("\"verify\" must be true or false")),
            Tolerance = !root.TryGetProperty("tolerance", out JsonElement tol) ? double.NaN
                : tol.ValueKind == JsonValueKind.Number && tol.TryGetDouble(out double t) && t >= 0 && double.IsFinite(t)
                    ? t : throw new FormatException("\"tolerance\" must be a non-negative number of bits per unit"),
        };
    }

    private static SweepData Data(JsonElement m, string at, string where)
    {
        if (m.ValueKind != JsonValueKind.Object) throw new FormatException($"{at} must be an object with a \"model\"");
        Known(m, ModelFields, at);
        if (!m.TryGetProperty("model", out JsonElement me)) throw new FormatException($"{at} has no \"model\"");
        string model = Text(me, at + ".model");
        bool sampled = !m.TryGetProperty("data", out JsonElement de);
        if (!sampled && (m.TryGetProperty("units", out _) || m.TryGetProperty("data_seed", out _)))
            throw new FormatException($"{at}: \"data\" reads a file; \"units\" and \"data_seed\" are for sampled data");
        ulong dataSeed = m.TryGetProperty("data_seed", out JsonElement ds) ? (ulong)Number(ds, at + ".data_seed", 0, long.MaxValue) : 1;
        int units = m.TryGetProperty("units", out JsonElement ue) ? (int)Number(ue, at + ".units", 1, MaxUnits) : DefaultUnits;
        DiscreteModel discrete;
        string modelName, unit, modelSeed = "";
        double entropy = double.NaN;
        if (JsonModelFile.IsJsonModel(model))
        {
            if (m.TryGetProperty("model_seed", out _)) throw new FormatException($"{at}: \"model_seed\" is for toy models; a JSON model file holds its tables");
            discrete = JsonModelFile.Load(Path.Combine(where, model));
            (modelName, unit) = (JsonModelFile.NameOf(model), JsonModelFile.UnitName(discrete));
        }
        else
        {
            ModelEntry entry;
            try
            {
                entry = ModelCatalog.Find(model);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{at}.model: {e.Message}");
            }
            ulong seed = m.TryGetProperty("model_seed", out JsonElement msd) ? (ulong)Number(msd, at + ".model_seed", 0, long.MaxValue) : 1;
            ToyModel toy = entry.Create(seed);
            (discrete, modelName, unit, modelSeed, entropy) = (toy, entry.Name, entry.UnitName, seed.ToString(CultureInfo.InvariantCulture), toy.Entropy.Bits);
        }
        byte[] data;
        if (sampled) data = discrete.Sample(units, dataSeed);
        else
        {
            string file = Path.Combine(where, Text(de, at + ".data"));
            data = InputLimits.ReadBounded(file);
            ModelEntry.CheckInput(data, discrete, modelName, file);
        }
        return new SweepData(modelName, discrete, data, unit, modelSeed, sampled ? dataSeed.ToString(CultureInfo.InvariantCulture) : "", "all", entropy);
    }

    private static IEnumerable<CoderVariant> Coders(string text, IReadOnlyList<string> resampling, string at)
    {
        CoderVariant coder;
        try
        {
            coder = CoderVariant.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{at}: {e.Message}");
        }
        bool plainSmc = coder.Kind is CoderKind.BbSmc or CoderKind.BbCsmc && coder.Resampling == ResamplingMode.Always && coder.Name == CoderNames.ToName(coder.Kind);
        if (!plainSmc || resampling.Count == 0)
        {
            yield return coder;
            yield break;
        }
        foreach (string r in resampling)
        {
            if (!Enum.TryParse(r, ignoreCase: true, out ResamplingMode mode) || !Enum.IsDefined(mode))
                throw new FormatException($"resampling: '{r}' is not always, adaptive or never");
            yield return CoderVariant.FromMessage(coder.Kind, mode);
        }
    }

    private static int[] Counts(JsonElement root, string field, int[] fallback)
    {
        if (!root.TryGetProperty(field, out _)) return fallback;
        int[] counts = List(root, field, false).Select((e, i) => (int)Number(e, $"{field}[{i}]", 1, CoderOptions.MaxChains)).Distinct().Order().ToArray();
        return counts.Length > 0 ? counts : throw new FormatException($"\"{field}\" names no value");
    }

    private static IEnumerable<JsonElement> List(JsonElement root, string field, bool required)
    {
        if (!root.TryGetProperty(field, out JsonElement list))
            return required ? throw new FormatException($"the spec has no \"{field}\"") : [];
        if (list.ValueKind != JsonValueKind.Array) throw new FormatException($"\"{field}\" must be a list");
        if (list.GetArrayLength() > MaxListLength) throw new FormatException($"\"{field}\" has more than {MaxListLength} entries");
        return list.EnumerateArray().ToArray();
    }

    private static void Known(JsonElement obj, string[] fields, string what)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
            if (Array.IndexOf(fields, p.Name) < 0)
                throw new FormatException($"{what} has an unknown field \"{Ans.Messages.UntrustedText.Excerpt(p.Name)}\" (known: {string.Join(", ", fields)})");
    }

    private static string Text(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"{at} must be a string");

    private static long Number(JsonElement e, string at, long min, long max) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= min && v <= max
            ? v : throw new FormatException($"{at} must be a whole number in [{min}, {max}]");
}
