// CodingSetup: what the shared coding options of a command resolved to — the model entry and the built
// model, the coder as named, and the validated CoderOptions ready for ToyCodec.
using Engine.Models.Toy;
using Engine.Systems;

namespace Engine.Cli.Coding;

/// <summary>A validated model + coder configuration read from the command line.</summary>
/// <param name="Entry">The model's catalog entry.</param>
/// <param name="Model">The built model.</param>
/// <param name="Coder">The coder as named.</param>
/// <param name="Options">Validated options for <see cref="ToyCodec"/>.</param>
internal sealed record CodingSetup(ModelEntry Entry, ToyModel Model, CoderChoice Coder, CoderOptions Options)
{
    /// <summary>"BB-CIS N=16, 8 chains, seed 1" for report lines.</summary>
    public string Describe() => CodingText.Describe(Coder, Options);
}
