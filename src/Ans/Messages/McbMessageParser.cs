// McbMessageParser: the length-checked reader behind McbMessageFile.Read. A field is read only after
// its declared size has been checked against the bytes that remain, so a hostile length can never
// trigger a large allocation; structural errors raise typed McbFormatExceptions.
using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace Engine.Ans.Messages;

internal ref struct McbMessageParser
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly McbReadLimits _limits;
    private MessagePackReader _reader;

    public McbMessageParser(ReadOnlyMemory<byte> bytes, McbReadLimits limits)
    {
        _bytes = bytes;
        _limits = limits;
        _reader = new MessagePackReader(bytes);
    }

    private readonly long Remaining => _bytes.Length - _reader.Consumed;

    public McbMessage Parse()
    {
        var security = MessagePackSecurity.UntrustedData;
        if (_reader.NextMessagePackType != MessagePackType.Array)
            throw new McbFormatException(McbErrorKind.BadMagic, "The file is not an McBits message (no MessagePack array).");
        int fields = ReadCount(isMap: false, "top-level array");
        security.DepthStep(ref _reader);
        if (fields < 2 || _reader.NextMessagePackType != MessagePackType.String)
            throw new McbFormatException(McbErrorKind.BadMagic, "The file does not start with the MCBITS magic.");
        string magic = ReadString("magic");
        if (magic != McbMessage.Magic)
            throw new McbFormatException(McbErrorKind.BadMagic, $"The magic is '{Printable(magic)}', not '{McbMessage.Magic}'.");
        if (_reader.NextMessagePackType != MessagePackType.Integer)
            throw new McbFormatException(McbErrorKind.Corrupt, "The format version is not an integer.");
        long version = _reader.ReadInt64();
        if (version != McbMessage.CurrentVersion)
            throw new McbFormatException(McbErrorKind.UnsupportedVersion, $"Format version {version} is not supported (this build reads {McbMessage.CurrentVersion}).");
        if (fields != 15)
            throw new McbFormatException(McbErrorKind.Corrupt, $"Version 1 has 15 fields, the file declares {fields}.");

        string coder = ReadString("coder");
        Dictionary<string, string> coderParameters = ReadMap("coder parameters", security);
        string model = ReadString("model");
        byte[] fingerprint = ReadBin("model fingerprint", 1).ToArray();
        string backend = ReadString("backend");
        long chains = ReadInteger("chain count");
        if (chains < 1 || chains > _limits.MaxChains)
            throw new McbFormatException(McbErrorKind.Corrupt, $"Chain count {chains} is outside 1..{_limits.MaxChains}.");
        int c = (int)chains;
        ReadOnlySequence<byte> countBytes = ReadBin("symbol counts", 8, c);
        var symbolCounts = new long[c];
        ReadLittleEndian(countBytes, symbolCounts);
        for (int i = 0; i < c; i++)
        {
            if (symbolCounts[i] < 0 || symbolCounts[i] > _limits.MaxSymbolsPerChain)
                throw new McbFormatException(McbErrorKind.Corrupt, $"Chain {i} declares {symbolCounts[i]} symbols (limit {_limits.MaxSymbolsPerChain}).");
        }
        ulong seed = ReadUInt64("seed");
        ReadOnlySequence<byte> headBytes = ReadBin("heads", 8, c);
        var heads = new ulong[c];
        ReadLittleEndian(headBytes, heads);
        for (int i = 0; i < c; i++)
        {
            if (heads[i] < RansStep.LowerBound)
                throw new McbFormatException(McbErrorKind.Corrupt, $"Head {i} is {heads[i]}, below 2^32.");
        }
        int tailCount = ReadCount(isMap: false, "tails");
        if (tailCount != c)
            throw new McbFormatException(McbErrorKind.Corrupt, $"{tailCount} tails for {c} chains.");
        security.DepthStep(ref _reader);
        var tails = new uint[c][];
        for (int i = 0; i < c; i++)
        {
            ReadOnlySequence<byte> words = ReadBin($"tail {i}", 4);
            tails[i] = new uint[words.Length / 4];
            ReadLittleEndian(words, tails[i]);
        }
        _reader.Depth--;
        ulong dataChecksum = ReadUInt64("data checksum");
        Dictionary<string, string> extra = ReadMap("extra", security);

        long frameStart = _reader.Consumed;
        if (Remaining < 9)
            throw new McbFormatException(McbErrorKind.Truncated, "The file ends before the frame checksum.");
        if (_reader.NextCode != MessagePackCode.UInt64)
            throw new McbFormatException(McbErrorKind.Corrupt, "The frame checksum is not a fixed-width uint64.");
        ulong frame = _reader.ReadUInt64();
        _reader.Depth--;
        if (!_reader.End)
            throw new McbFormatException(McbErrorKind.Corrupt, $"{Remaining} unexpected bytes follow the message.");
        ulong actual = DataChecksum.Compute(_bytes.Span[..(int)frameStart]);
        if (actual != frame)
            throw new McbFormatException(McbErrorKind.Corrupt, $"Frame checksum mismatch (stored {frame:X16}, computed {actual:X16}): the file was altered.");

        return new McbMessage
        {
            FormatVersion = (int)version,
            Coder = coder,
            CoderParameters = coderParameters,
            Model = model,
            ModelFingerprint = fingerprint,
            Backend = backend,
            SymbolCounts = symbolCounts,
            Seed = seed,
            Heads = heads,
            Tails = tails,
            DataChecksum = dataChecksum,
            Extra = extra,
        };
    }

    private int ReadCount(bool isMap, string what)
    {
        MessagePackType expected = isMap ? MessagePackType.Map : MessagePackType.Array;
        if (_reader.NextMessagePackType != expected)
            throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is not a MessagePack {expected}.");
        int count = isMap ? _reader.ReadMapHeader() : _reader.ReadArrayHeader();
        // Every element takes at least one byte (two for a map entry).
        if (count < 0 || (long)count * (isMap ? 2 : 1) > Remaining)
            throw new McbFormatException(McbErrorKind.Truncated, $"The {what} field declares {count} entries but only {Remaining} bytes remain.");
        return count;
    }

    private string ReadString(string what)
    {
        if (_reader.NextMessagePackType != MessagePackType.String)
            throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is not a string.");
        return _reader.ReadString() ?? throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is nil.");
    }

    private long ReadInteger(string what)
    {
        if (_reader.NextMessagePackType != MessagePackType.Integer)
            throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is not an integer.");
        return _reader.ReadInt64();
    }

    private ulong ReadUInt64(string what)
    {
        if (_reader.NextMessagePackType != MessagePackType.Integer)
            throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is not an integer.");
        return _reader.ReadUInt64();
    }

    /// <summary>Reads a bin whose length must be a multiple of <paramref name="unit"/> (and equal unit * count when given).</summary>
    private ReadOnlySequence<byte> ReadBin(string what, int unit, int count = -1)
    {
        if (_reader.NextMessagePackType != MessagePackType.Binary)
            throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is not binary.");
        ReadOnlySequence<byte> bytes = _reader.ReadBytes()
            ?? throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field is nil.");
        if (bytes.Length % unit != 0 || (count >= 0 && bytes.Length != (long)unit * count))
            throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field has {bytes.Length} bytes, not {(count >= 0 ? $"{(long)unit * count}" : $"a multiple of {unit}")}.");
        return bytes;
    }

    private Dictionary<string, string> ReadMap(string what, MessagePackSecurity security)
    {
        int count = ReadCount(isMap: true, what);
        security.DepthStep(ref _reader);
        var map = new Dictionary<string, string>(security.GetEqualityComparer<string>());
        for (int i = 0; i < count; i++)
        {
            string key = ReadString($"{what} key");
            string value = ReadString($"{what} value");
            if (!map.TryAdd(key, value))
                throw new McbFormatException(McbErrorKind.Corrupt, $"The {what} field repeats key '{Printable(key)}'.");
        }
        _reader.Depth--;
        return map;
    }

    private static void ReadLittleEndian(ReadOnlySequence<byte> bytes, Span<long> into)
    {
        Span<byte> tmp = stackalloc byte[8];
        var r = new SequenceReader<byte>(bytes);
        for (int i = 0; i < into.Length; i++)
        {
            r.TryCopyTo(tmp);
            r.Advance(8);
            into[i] = BinaryPrimitives.ReadInt64LittleEndian(tmp);
        }
    }

    private static void ReadLittleEndian(ReadOnlySequence<byte> bytes, Span<ulong> into)
    {
        Span<byte> tmp = stackalloc byte[8];
        var r = new SequenceReader<byte>(bytes);
        for (int i = 0; i < into.Length; i++)
        {
            r.TryCopyTo(tmp);
            r.Advance(8);
            into[i] = BinaryPrimitives.ReadUInt64LittleEndian(tmp);
        }
    }

    private static void ReadLittleEndian(ReadOnlySequence<byte> bytes, Span<uint> into)
    {
        if (bytes.IsSingleSegment)
        {
            ReadOnlySpan<byte> span = bytes.FirstSpan;
            for (int i = 0; i < into.Length; i++)
                into[i] = BinaryPrimitives.ReadUInt32LittleEndian(span[(4 * i)..]);
            return;
        }
        Span<byte> tmp = stackalloc byte[4];
        var r = new SequenceReader<byte>(bytes);
        for (int i = 0; i < into.Length; i++)
        {
            r.TryCopyTo(tmp);
            r.Advance(4);
            into[i] = BinaryPrimitives.ReadUInt32LittleEndian(tmp);
        }
    }

    private static string Printable(string s)
        => s.Length <= 32 ? s : s[..32] + "...";
}
