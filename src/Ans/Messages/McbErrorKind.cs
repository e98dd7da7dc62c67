// McbErrorKind: what failed when a message could not be read or did not decode back exactly. New kinds go at
// the end: the CLI's exit code is 10 + the kind's number, so the order is part of its contract.
namespace Engine.Ans.Messages;

/// <summary>The reason a <see cref="McbFormatException"/> was thrown.</summary>
public enum McbErrorKind
{
    /// <summary>The file does not start with the "MCBITS" magic.</summary>
    BadMagic,
    /// <summary>The format version is not one this build reads.</summary>
    UnsupportedVersion,
    /// <summary>The file ends before a declared field or length.</summary>
    Truncated,
    /// <summary>A field is malformed or inconsistent (bad type, impossible length, invalid head, tail underflow).</summary>
    Corrupt,
    /// <summary>The decoded data's checksum differs from the one in the message.</summary>
    ChecksumMismatch,
    /// <summary>After decoding, a chain is not back at its seeded initial state.</summary>
    StateMismatch,
    /// <summary>The message was written with another model (fingerprint or description differs).</summary>
    ModelMismatch,
    /// <summary>A declared count or the decode work it implies exceeds a configured limit (chains, particles,
    /// symbols, file size, decode budget); the message may be honest but needs a raised limit to be read.</summary>
    LimitExceeded,
}
