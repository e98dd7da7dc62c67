// GoldenCase: one committed message of the golden set — its format version, which model and coder wrote
// it, with which options — and where its files sit (message: tests/Golden/v<version>/<name>.mcb; input:
// tests/Golden/v1/<name>.input, shared by every version). The catalogue (GoldenSet) is the whole set; the
// writer and the tests both read it, so a case cannot be written and never checked.
using Engine.Models.Neural;
using Engine.Systems;

namespace Engine.Systems.Tests.Golden;

/// <summary>A golden message: its format version, file name, the model that wrote it and the options of the encode.</summary>
/// <param name="Version">Format version of the message (also <see cref="CoderOptions.FormatVersion"/> of <paramref name="Options"/>).</param>
/// <param name="Name">File stem under the version's directory.</param>
/// <param name="Model">A toy model description, or <see cref="GoldenSet.VaeModel"/> for the committed tiny VAE.</param>
/// <param name="Options">The encode's options (backend: the default cpu).</param>
/// <param name="Units">Units coded: toy sequences, or VAE images.</param>
/// <param name="DataSeed">Seed of the toy sample, or of the synthetic VAE images.</param>
public sealed record GoldenCase(int Version, string Name, string Model, CoderOptions Options, int Units, ulong DataSeed)
{
    /// <summary>Whether this case is coded with the committed VAE checkpoint.</summary>
    public bool IsVae => Model == GoldenSet.VaeModel;

    /// <summary>VAE cases: the latent grid the encode is given (null: the version's default, <see cref="VaeLatentGrid.ForVersion"/>).</summary>
    public VaeLatentGrid? Grid { get; init; }

    /// <summary>Stem of the committed input under v1 (the case's own name unless it codes another case's input).</summary>
    public string InputStem { get; init; } = Name;

    public override string ToString() => $"v{Version}/{Name}";
}
