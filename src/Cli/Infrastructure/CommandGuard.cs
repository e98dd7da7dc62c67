// CommandGuard: the one place where a command's failure becomes output. Every command body runs inside
// Run: a typed failure (CliException, McbFormatException, I/O, missing data set, bad IDX file or checkpoint,
// unavailable backend) prints ONE
// line "mcbits: error: <what failed>" to stderr and returns its exit code; anything unexpected is still
// one line (exit 70) — a user never sees a stack trace unless MCBITS_DEBUG is set. The line is the one
// place every echoed string passes: control characters are escaped (no terminal escape sequence from a
// message field or a file name gets through) and it is capped at MaxLineChars; the places that quote a
// single untrusted field (message strings, paths) cap it at UntrustedText.DefaultMaxChars themselves.
using System.CommandLine;
using Engine.Ans.Messages;
using Engine.Gpu;
#if NEURAL
using Engine.Models.Data;
using Engine.Models.Neural;
#endif

namespace Engine.Cli.Infrastructure;

/// <summary>Runs command bodies with uniform error reporting.</summary>
internal static class CommandGuard
{
    /// <summary>Environment variable that, when set, adds the exception's full text after the error line.</summary>
    public const string DebugVariable = "MCBITS_DEBUG";

    /// <summary>Runs <paramref name="body"/> and maps its failures to one error line and an exit code.</summary>
    public static int Run(ParseResult parse, Func<CliConsole, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        CliConsole console = CliConsole.From(parse);
        try
        {
            return body(console);
        }
        catch (Exception e)
        {
            (int code, string text) = Describe(e);
            console.Error.WriteLine("mcbits: error: " + SafeLine(text));
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DebugVariable))) console.Error.WriteLine(e);
            return code;
        }
    }

    /// <summary>The exit code and message for a failure.</summary>
    internal static (int Code, string Text) Describe(Exception e) => e switch
    {
        CliException c => (c.ExitCode, c.Message),
        McbFormatException m => (ExitCodes.ForMessage(m.Kind), "invalid message: " + m.Message),
        BackendUnavailableException b => (ExitCodes.BackendUnavailable, b.Message),
#if NEURAL
        DatasetMissingException d => (ExitCodes.Failed, d.Message),
        IdxFormatException x => (ExitCodes.Failed, "bad IDX file: " + x.Message),
        CheckpointFormatException c => (ExitCodes.Failed, "bad VAE checkpoint: " + c.Message),
#endif
        FileNotFoundException f => (ExitCodes.Failed, $"file not found: {(f.FileName is null ? f.Message : UntrustedText.Excerpt(f.FileName))}"),
        DirectoryNotFoundException d => (ExitCodes.Failed, "directory not found: " + d.Message),
        UnauthorizedAccessException u => (ExitCodes.Failed, "access denied: " + u.Message),
        IOException io => (ExitCodes.Failed, "I/O error: " + io.Message),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        ArgumentException a => (ExitCodes.Failed, WithoutParameter(a)),
        FormatException or NotSupportedException => (ExitCodes.Failed, e.Message),
        _ => (ExitCodes.Internal, $"internal error ({e.GetType().Name}): {e.Message}"),
    };

    // ArgumentException appends " (Parameter 'name')", which names a C# parameter the user never saw.
    internal static string WithoutParameter(ArgumentException a)
    {
        int at = a.ParamName is null ? -1 : a.Message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return at < 0 ? a.Message : a.Message[..at];
    }

    /// <summary>Longest error text printed (after escaping starts); the rest is summarised.</summary>
    public const int MaxLineChars = 1000;

    /// <summary><paramref name="text"/> as one printable line: line breaks joined, control characters escaped, capped.</summary>
    internal static string SafeLine(string text) =>
        UntrustedText.Excerpt(string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), MaxLineChars);
}
