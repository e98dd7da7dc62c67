// ModelCatalog: the models the command line can name. Today these are the two toy models (docs/coders.md)
// ("toy-mixture", "toy-hmm"), each built from its seed; a message names its own model, so decompress
// rebuilds it from the message instead. Model files are not entries: --model values ending in .json
// (a user's mixture or HMM) go to JsonModelFile, *.ckpt to Vae.VaeModelFile.
using Engine.Models.Toy;

namespace Engine.Cli.Coding;

/// <summary>Command-line model names and how to build them.</summary>
internal static class ModelCatalog
{
    /// <summary>The toy mixture (64 symbols, 256 latents, one symbol per unit).</summary>
    public static ModelEntry ToyMixture { get; } = new("toy-mixture", "symbol", seed => new ToyMixture(seed));

    /// <summary>The toy HMM (16 symbols, 32 latents, sequences of T = 10 symbols).</summary>
    public static ModelEntry ToyHmm { get; } = new("toy-hmm", "sequence", seed => new ToyHmm(seed));

    /// <summary>All entries, in help order.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } = [ToyMixture, ToyHmm];

    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(e => e.Name).ToArray();

    /// <summary>The entry called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="FormatException">No model has that name.</exception>
    public static ModelEntry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (ModelEntry e in All)
            if (string.Equals(e.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) return e;
        throw new FormatException($"Unknown model '{name}' (expected one of {string.Join(", ", Names)}).");
    }

    /// <summary>The catalog name of a built model (for messages and reports).</summary>
    public static string NameOf(ToyModel model) => model.Kind switch
    {
        Engine.Models.Toy.ToyMixture.KindName => ToyMixture.Name,
        Engine.Models.Toy.ToyHmm.KindName => ToyHmm.Name,
        _ => model.Kind,
    };
}
