// CodingSetup: what the shared coding options of a command resolved to — the model entry and the built
// model, the coder as named, the validated CoderOptions and the requested backend kind. The backend itself
// is created by the command (OpenBackend) because it owns native resources and must be disposed.
using Engine.Gpu;
using Engine.Models.Toy;
using Engine.Systems;

namespace Engine.Cli.Coding;

/// <summary>A validated model + coder configuration read from the command line.</summary>
/// <param name="Entry">The model's catalog entry.</param>
/// <param name="Model">The built model.</param>
/// <param name="Coder">The coder as named.</param>
/// <param name="Options">Validated options for <see cref="McBitsCodec"/> (without a backend).</param>
/// <param name="BackendKind">The backend asked for (Auto not yet resolved).</param>
internal sealed record CodingSetup(ModelEntry Entry, ToyModel Model, CoderChoice Coder, CoderOptions Options, BackendKind BackendKind)
{
    /// <summary>Creates the requested backend; the caller disposes it.</summary>
    /// <exception cref="BackendUnavailableException">cuda was requested and no CUDA device exists.</exception>
    public IRansBackend OpenBackend() => BackendFactory.Create(BackendKind);
}
