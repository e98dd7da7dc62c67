// The process exit codes of mcbits. 0 is success and 1 a command-line usage error (System.CommandLine's
// own code for parse errors); every failure after parsing has its own code so scripts can tell a bad
// input file from a corrupt message, and each McbErrorKind gets a distinct code (10 + the kind).
using Engine.Ans.Messages;

namespace Engine.Cli.Infrastructure;

/// <summary>Exit codes of the <c>mcbits</c> commands.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line could not be parsed or an option value is invalid.</summary>
    public const int Usage = 1;

    /// <summary>An input or output file could not be read or written, or the input data does not fit the model.</summary>
    public const int Failed = 2;

    /// <summary>The requested backend cannot run on this machine.</summary>
    public const int BackendUnavailable = 3;

    /// <summary>A sweep or profile run decoded a message that did not reproduce its data.</summary>
    public const int VerificationFailed = 4;

    /// <summary>First of the message error codes: <c>MessageBase + (int)McbErrorKind</c>.</summary>
    public const int MessageBase = 10;

    /// <summary>An unexpected failure inside mcbits (a bug).</summary>
    public const int Internal = 70;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>The code for a message that failed with <paramref name="kind"/> (10 = BadMagic … 17 = LimitExceeded).</summary>
    public static int ForMessage(McbErrorKind kind) => MessageBase + (int)kind;

    /// <summary>What <paramref name="kind"/> means in the words of README's exit-code table.</summary>
    public static string Describe(McbErrorKind kind) => kind switch
    {
        McbErrorKind.BadMagic => "not an mcbits message",
        McbErrorKind.UnsupportedVersion => "unsupported format version",
        McbErrorKind.Truncated => "truncated message",
        McbErrorKind.Corrupt => "corrupt message",
        McbErrorKind.ChecksumMismatch => "checksum mismatch",
        McbErrorKind.StateMismatch => "decoder state mismatch",
        McbErrorKind.ModelMismatch => "wrong model",
        McbErrorKind.LimitExceeded => "over a limit",
        _ => "unreadable message",
    };
}
