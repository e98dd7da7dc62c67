// CodingSetup: what the shared coding options of a command resolved to — the model's name and unit (a toy
// model's catalog entry, or a JSON model file's name) and the built model, the coder as named, the validated CoderOptions and the requested backend kind. The backend itself
// is created by the command (OpenBackend) because it owns native resources and must be disposed.
using Engine.Gpu;
using Engine.Modeling.Discrete;
using Engine.Systems;

namespace Engine.Cli.Coding;

/// <summary>A validated model + coder configuration read from the command line.</summary>
/// <param name="ModelName">What reports call the model ("toy-hmm", "weather-hmm.json").</param>
/// <param name="UnitName">What one coding unit is ("symbol", "sequence").</param>
/// <param name="Model">The built model (a toy model or one read from a JSON model file).</param>
/// <param name="Coder">The coder as named.</param>
/// <param name="Options">Validated options for <see cref="McBitsCodec"/> (without a backend).</param>
/// <param name="BackendKind">The backend asked for (Auto not yet resolved).</param>
internal sealed record CodingSetup(string ModelName, string UnitName, DiscreteModel Model, CoderVariant Coder, CoderOptions Options, BackendKind BackendKind)
{
    /// <summary>Creates the requested backend; the caller disposes it.</summary>
    /// <exception cref="BackendUnavailableException">cuda was requested and no CUDA device exists.</exception>
    public IRansBackend OpenBackend() => BackendFactory.Create(BackendKind);
}
