// McbFormatException: the one typed error for unreadable, corrupt or mis-decoded messages.
// Kind says what failed; the message text says where.
namespace Engine.Ans.Messages;

/// <summary>A message file could not be read, or did not decode back to exactly what was written.</summary>
public class McbFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McbFormatException(McbErrorKind kind, string message)
        : base($"{kind}: {message}") => (Kind, Detail) = (kind, message);

    /// <summary>Creates the exception with an inner cause.</summary>
    public McbFormatException(McbErrorKind kind, string message, Exception inner)
        : base($"{kind}: {message}", inner) => (Kind, Detail) = (kind, message);

    /// <summary>What failed.</summary>
    public McbErrorKind Kind { get; }

    /// <summary>Where it failed: the message without the kind in front (for front ends that name the kind in their own words).</summary>
    public string Detail { get; }
}
