// Raised when the Fashion-MNIST files are not where we look; the message says where we looked and
// how to get them (the Debian package, or a directory given with --data / MCBITS_FASHION_MNIST).
namespace Engine.Models.Data;

/// <summary>A data set file needed for training or compression is not present.</summary>
public sealed class DatasetMissingException : Exception
{
    /// <summary>Creates the exception with a message that says what is missing and how to install it.</summary>
    public DatasetMissingException(string message) : base(message) { }
}
