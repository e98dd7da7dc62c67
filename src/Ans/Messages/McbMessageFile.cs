// McbMessageFile: writes and reads McbMessage as one MessagePack array (format versions 1 and 2 share the
// layout; they differ only in the version number and in what the data checksum covers, see OutputChecksum):
//   [0] "MCBITS"  [1] version  [2] coder  [3] coder parameters (map str->str)  [4] model
//   [5] model fingerprint (bin)  [6] backend  [7] chain count C  [8] symbol counts (bin, C x int64 LE)
//   [9] seed (uint64)  [10] heads (bin, C x uint64 LE)  [11] tails (array of C bins, uint32 LE words)
//   [12] data checksum (uint64)  [13] extra (map str->str)
//   [14] frame checksum: uint64 in its fixed 9-byte form, XXH64 of every byte before it.
// Reading treats the file as untrusted: MessagePackSecurity.UntrustedData bounds nesting depth and
// gives collision-resistant dictionaries; every declared count or length is checked against the bytes
// that remain (and the caller's McbReadLimits) before anything is allocated; magic and version are
// checked first so their errors are precise — from a stream, on the first SniffBytes bytes before the
// rest is buffered; any reader failure becomes an McbFormatException (Truncated when input ran out,
// Corrupt otherwise), and the frame checksum is verified before any per-chain array is allocated.
using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace Engine.Ans.Messages;

/// <summary>Reads and writes <see cref="McbMessage"/> files.</summary>
public static class McbMessageFile
{
    internal const int FieldCount = 15;
    private const int FrameChecksumBytes = 9; // 0xCF + 8 bytes

    /// <summary>Writes <paramref name="message"/> to <paramref name="stream"/>; returns the bytes written.</summary>
    public static long Write(Stream stream, McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = ToBytes(message);
        stream.Write(bytes);
        return bytes.Length;
    }

    /// <summary>Serialises <paramref name="message"/> to a byte array (through <see cref="McbMessageWriter"/>, the one writer).</summary>
    public static byte[] ToBytes(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        var writer = new McbMessageWriter(message.FormatVersion, message.Coder, message.CoderParameters, message.Model, message.ModelFingerprint,
            message.Backend, message.ChainCount, message.Seed, message.Extra);
        return writer.Write(message.SymbolCounts, new McbMessageWriter.ArrayLanes(message.Heads, message.Tails), message.DataChecksum).ToArray();
    }

    /// <summary>Bytes read and checked (array header, magic, version) before anything else is buffered.</summary>
    public const int SniffBytes = 48;

    /// <summary>Reads a message from <paramref name="stream"/> (to its end), within <paramref name="limits"/>. The first
    /// <see cref="SniffBytes"/> bytes are checked before the rest is read, so a foreign or endless stream
    /// (/dev/zero, /dev/urandom) is refused after one small read; a regular file is read into one buffer of
    /// exactly its size, anything else in chunks up to <see cref="McbReadLimits.MaxFileBytes"/>.</summary>
    public static McbMessage Read(Stream stream, McbReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= McbReadLimits.Default;
        var prefix = new byte[SniffBytes];
        int got = stream.ReadAtLeast(prefix, SniffBytes, throwOnEndOfStream: false);
        if (got == SniffBytes) Sniff(prefix);
        else return Read(prefix.AsMemory(0, got), limits);
        long known = KnownRemaining(stream);
        if (known >= 0)
        {
            if (known > limits.MaxFileBytes - SniffBytes)
                throw TooLarge(limits);
            var all = new byte[SniffBytes + known];
            prefix.CopyTo(all, 0);
            int n = stream.ReadAtLeast(all.AsSpan(SniffBytes), (int)known, throwOnEndOfStream: false);
            if (n == known && stream.ReadByte() < 0)
                return Read(all, limits);
            // The file changed size while it was read: fall back to reading what is there.
            using var rest = new MemoryStream();
            rest.Write(all, 0, SniffBytes + n);
            return ReadChunks(stream, rest, limits);
        }
        using var copy = new MemoryStream();
        copy.Write(prefix);
        return ReadChunks(stream, copy, limits);
    }

    /// <summary>Throws the McbFormatException a file starting with <paramref name="prefix"/> deserves, if its first bytes
    /// already rule it out (not a MessagePack array, not the MCBITS magic, another version).</summary>
    public static void Sniff(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty) throw new McbFormatException(McbErrorKind.Truncated, "The file is empty.");
        try
        {
            var header = new McbMessageParser(prefix.ToArray(), McbReadLimits.Default);
            header.ParseHeader();
        }
        catch (EndOfStreamException) when (prefix.Length >= SniffBytes)
        {
            // A header that does not fit in SniffBytes can only be a magic string longer than "MCBITS".
            throw new McbFormatException(McbErrorKind.BadMagic, "The file does not start with the MCBITS magic.");
        }
        catch (EndOfStreamException)
        {
            // A short file: the full read reports it precisely.
        }
        catch (MessagePackSerializationException e)
        {
            throw new McbFormatException(McbErrorKind.BadMagic, "The file does not start with the MCBITS magic.", e);
        }
    }

    private static McbMessage ReadChunks(Stream stream, MemoryStream copy, McbReadLimits limits)
    {
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (copy.Length + n > limits.MaxFileBytes)
                throw TooLarge(limits);
            copy.Write(chunk, 0, n);
        }
        return Read(new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length), limits);
    }

    // Bytes left in a regular file; -1 for pipes and devices (a device such as /dev/zero seeks but has length 0).
    private static long KnownRemaining(Stream stream)
    {
        if (stream is FileStream fs && fs.CanSeek)
        {
            long left = fs.Length - fs.Position;
            return left > 0 ? left : -1;
        }
        if (stream is MemoryStream or UnmanagedMemoryStream && stream.CanSeek) return stream.Length - stream.Position;
        return -1;
    }

    private static McbFormatException TooLarge(McbReadLimits limits) =>
        new(McbErrorKind.LimitExceeded, $"The file is larger than the {limits.MaxFileBytes}-byte limit.");

    /// <summary>Reads a message from <paramref name="bytes"/>, within <paramref name="limits"/>.</summary>
    public static McbMessage Read(ReadOnlyMemory<byte> bytes, McbReadLimits? limits = null) => ReadOne(bytes, limits, moreMayFollow: false, out _);

    /// <summary>Reads the messages of a stream of frames (messages written one after another, e.g. by successive
    /// <c>McBitsEncoder.Flush</c> calls), each within <paramref name="limits"/>; every frame is checked as <see cref="Read(ReadOnlyMemory{byte}, McbReadLimits?)"/>
    /// checks a file. A frame is parsed only when the caller asks for the next one.</summary>
    /// <exception cref="McbFormatException">A frame is malformed (the frames before it were returned).</exception>
    public static IEnumerable<McbMessage> ReadFrames(ReadOnlyMemory<byte> bytes, McbReadLimits? limits = null)
    {
        while (!bytes.IsEmpty)
        {
            McbMessage message = ReadOne(bytes, limits, moreMayFollow: true, out long consumed);
            bytes = bytes[(int)consumed..];
            yield return message;
        }
    }

    private static McbMessage ReadOne(ReadOnlyMemory<byte> bytes, McbReadLimits? limits, bool moreMayFollow, out long consumed)
    {
        limits ??= McbReadLimits.Default;
        consumed = 0;
        if (bytes.Length == 0)
            throw new McbFormatException(McbErrorKind.Truncated, "The file is empty.");
        if (bytes.Length > limits.MaxFileBytes && !moreMayFollow)
            throw TooLarge(limits);
        try
        {
            var parser = new McbMessageParser(moreMayFollow ? bytes[..(int)Math.Min(bytes.Length, limits.MaxFileBytes)] : bytes, limits, moreMayFollow);
            McbMessage message = parser.Parse();
            consumed = parser.Consumed;
            return message;
        }
        catch (EndOfStreamException e)
        {
            throw new McbFormatException(McbErrorKind.Truncated, "The file ends inside a field.", e);
        }
        catch (MessagePackSerializationException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "A field has the wrong MessagePack type or encoding.", e);
        }
        catch (OverflowException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "A declared length or number is out of range.", e);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "The file nests too deeply.", e);
        }
        catch (ArgumentException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "A field holds an invalid value.", e);
        }
    }

    /// <summary>Reads a message from a file path.</summary>
    public static McbMessage Read(string path, McbReadLimits? limits = null)
    {
        using var file = File.OpenRead(path);
        return Read(file, limits);
    }

    internal static int FrameChecksumLength => FrameChecksumBytes;
}
