// UntrustedText: how a string that came from outside (a message's model, coder or fingerprint, a file
// path, a checkpoint field) is shown in an error text. Control characters (C0, DEL, C1) and bidirectional
// overrides are escaped as \xNN / \uNNNN so nothing reaches a terminal as an escape sequence, and the
// text is capped (default 200 characters) with a note of how much was left out, so a 1 MB field cannot
// make a 1 MB error line. One place, used by the message code and by the CLI's error line.
using System.Globalization;
using System.Text;

namespace Engine.Ans.Messages;

/// <summary>Makes untrusted strings safe and short enough to echo in one error line.</summary>
public static class UntrustedText
{
    /// <summary>Default number of characters of an untrusted string that are shown.</summary>
    public const int DefaultMaxChars = 200;

    /// <summary><paramref name="text"/> with control characters escaped, cut to <paramref name="maxChars"/> characters of the original.</summary>
    public static string Excerpt(string? text, int maxChars = DefaultMaxChars)
    {
        if (text is null) return "";
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        int shown = Math.Min(text.Length, maxChars);
        if (shown < text.Length && shown > 0 && char.IsHighSurrogate(text[shown - 1])) shown--;
        var sb = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (NeedsEscape(c))
                sb.Append(c <= 0xFF ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            else
                sb.Append(c);
        }
        if (shown < text.Length)
            sb.Append(CultureInfo.InvariantCulture, $"...({text.Length - shown} more characters)");
        return sb.ToString();
    }

    /// <summary>Hex of <paramref name="bytes"/>, cut to <paramref name="maxChars"/> hex digits.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes, int maxChars = DefaultMaxChars)
    {
        int take = Math.Min(bytes.Length, maxChars / 2);
        string hex = Convert.ToHexString(bytes[..take]);
        return take == bytes.Length ? hex : hex + string.Create(CultureInfo.InvariantCulture, $"...({bytes.Length - take} more bytes)");
    }

    /// <summary>True for characters that must not reach a terminal raw.</summary>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
        || c == '\u2028' || c == '\u2029';
}
