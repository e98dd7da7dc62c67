// MessageCorruptException: thrown by decoder-mode lanes when the message cannot be what an encoder
// wrote (a pop past the bottom of a tail, a head outside [2^32, 2^64)). It is an McbFormatException
// of kind Corrupt so callers catch one family for every decode failure.
using Engine.Ans.Messages;

namespace Engine.Ans;

/// <summary>The rANS state being decoded is impossible for any valid message.</summary>
public sealed class MessageCorruptException : McbFormatException
{
    /// <summary>Creates the exception.</summary>
    public MessageCorruptException(string message) : base(McbErrorKind.Corrupt, message) { }
}
