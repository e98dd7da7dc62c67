// DecodeVerifier: the end-of-decode integrity checks (docs/architecture.md#the-integrity-check). Every chain must be back at its
// seeded initial state (head = initial head, tail = exactly the seeded words it gave out), the decoded
// output must hash to the message's checksum (OutputChecksum: from format version 2 its dimensions too),
// and the model must be the one the message names.
// Each failure throws McbFormatException with the matching kind and says which chain or field failed;
// strings taken from the message are shown through UntrustedText (escaped, capped).
namespace Engine.Ans.Messages;

/// <summary>Checks that a decode undid the encode exactly.</summary>
public static class DecodeVerifier
{
    /// <summary>Throws <see cref="McbErrorKind.ModelMismatch"/> unless the message names this model.</summary>
    public static void VerifyModel(McbMessage message, string model, ReadOnlySpan<byte> fingerprint)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!fingerprint.SequenceEqual(message.ModelFingerprint))
            throw new McbFormatException(McbErrorKind.ModelMismatch,
                $"The message was written with model fingerprint {UntrustedText.Hex(message.ModelFingerprint)}, not {UntrustedText.Hex(fingerprint)}.");
        if (!string.Equals(model, message.Model, StringComparison.Ordinal))
            throw new McbFormatException(McbErrorKind.ModelMismatch, $"The message was written with model '{UntrustedText.Excerpt(message.Model)}', not '{UntrustedText.Excerpt(model)}'.");
    }

    /// <summary>Throws <see cref="McbErrorKind.StateMismatch"/> unless every lane is at its initial state.</summary>
    public static void VerifyState(RansLanes lanes)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        int bad = 0, first = -1;
        for (int i = 0; i < lanes.Count; i++)
        {
            if (!lanes.IsAtInitialState(i))
            {
                bad++;
                if (first < 0)
                    first = i;
            }
        }
        if (bad > 0)
            throw new McbFormatException(McbErrorKind.StateMismatch,
                $"{bad} of {lanes.Count} chains did not return to their initial state (first: chain {first}, " +
                $"head {lanes.Heads[first]:X16} vs {lanes.InitialHeads[first]:X16}, {lanes.TailLength(first)} tail words left).");
    }

    /// <summary>Throws <see cref="McbErrorKind.ChecksumMismatch"/> unless <paramref name="actual"/> equals the message's checksum;
    /// <paramref name="what"/> names what was hashed in the error text.</summary>
    public static void VerifyChecksum(McbMessage message, ulong actual, string what = "The decoded data")
    {
        ArgumentNullException.ThrowIfNull(message);
        if (actual != message.DataChecksum)
            throw new McbFormatException(McbErrorKind.ChecksumMismatch,
                $"{what} hashes to {actual:X16}, the message says {message.DataChecksum:X16}.");
    }

    /// <summary>State check, then the message's checksum (<see cref="OutputChecksum"/> of its format version) of
    /// <paramref name="decoded"/> as an array of <paramref name="dimensions"/>.</summary>
    public static void Verify(RansLanes lanes, McbMessage message, ReadOnlySpan<long> dimensions, ReadOnlySpan<byte> decoded)
    {
        ArgumentNullException.ThrowIfNull(message);
        VerifyState(lanes);
        ulong actual = OutputChecksum.Compute(message.FormatVersion, dimensions, decoded);
        VerifyChecksum(message, actual, OutputChecksum.CoversShape(message.FormatVersion)
            ? $"The decoded data with the shape the header gives it ({OutputChecksum.Describe(dimensions)})"
            : "The decoded data");
    }
}
