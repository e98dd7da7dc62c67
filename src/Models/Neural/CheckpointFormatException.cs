// The one error type for a VAE checkpoint that cannot be used: wrong magic or version, a truncated
// or corrupt body, a header that does not parse, or parameters whose fingerprint differs from the header's.
namespace Engine.Models.Neural;

/// <summary>A model checkpoint file is malformed or does not match its recorded fingerprint.</summary>
public sealed class CheckpointFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the file and the defect.</summary>
    public CheckpointFormatException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the lower-level cause.</summary>
    public CheckpointFormatException(string message, Exception inner) : base(message, inner) { }
}
