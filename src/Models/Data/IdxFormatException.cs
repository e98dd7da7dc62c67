// The one error type for a malformed IDX file: bad magic, unsupported element type, impossible
// dimensions, a body shorter or longer than its header promises, or a corrupt gzip stream.
namespace Engine.Models.Data;

/// <summary>An IDX file (or its gzip wrapper) does not match the format or what the caller expected.</summary>
public sealed class IdxFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the file and the defect.</summary>
    public IdxFormatException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the lower-level cause (for example a gzip error).</summary>
    public IdxFormatException(string message, Exception inner) : base(message, inner) { }
}
