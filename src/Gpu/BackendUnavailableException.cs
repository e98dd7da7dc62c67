// BackendUnavailableException: a backend was asked for by name but this machine cannot run it
// (typically --backend cuda without a CUDA device or driver). The message says what is missing.
namespace Engine.Gpu;

/// <summary>The requested backend cannot run on this machine.</summary>
public sealed class BackendUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="kind"/> with a reason.</summary>
    public BackendUnavailableException(BackendKind kind, string reason)
        : base($"Backend '{BackendKinds.ToName(kind)}' is not available: {reason}") => Kind = kind;

    /// <summary>Creates the exception for <paramref name="kind"/> with a reason and the underlying failure.</summary>
    public BackendUnavailableException(BackendKind kind, string reason, Exception inner)
        : base($"Backend '{BackendKinds.ToName(kind)}' is not available: {reason}", inner) => Kind = kind;

    /// <summary>The backend that was requested.</summary>
    public BackendKind Kind { get; }
}
