// CliResult: exit code, stdout and stderr of one in-process mcbits invocation (see CliHarness).
namespace Engine.Cli.Tests;

/// <summary>The captured result of one in-process invocation.</summary>
/// <param name="ExitCode">Process exit code the command returned.</param>
/// <param name="Out">Standard output text.</param>
/// <param name="Error">Standard error text.</param>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Non-empty lines of <see cref="Error"/>.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
