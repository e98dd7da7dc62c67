// CliException: a failure the command can describe in one line (bad input data, an option that does not
// fit the model, an output that already exists). CommandGuard prints its message and exits with its code.
namespace Engine.Cli.Infrastructure;

/// <summary>A user-facing command failure with its exit code.</summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(string message, int exitCode = ExitCodes.Failed)
        : base(message) => ExitCode = exitCode;

    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; }
}
