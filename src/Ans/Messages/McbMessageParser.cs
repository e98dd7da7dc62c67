// McbMessageParser: the length-checked reader behind McbMessageFile.Read. A field is read only after
// its declared size has been checked against the bytes that remain and every count against the shared
// McbReadLimits, so a hostile length can never trigger a large allocation. The first pass walks every
// field (tails as slices of the input) and verifies the frame checksum before any per-chain array is
// allocated; structural errors raise typed McbFormatExceptions at once, a count over a limit raises
// LimitExceeded once the frame is known intact (so a damaged file stays Corrupt). ParseHeader alone checks a file's first
// bytes, so McbMessageFile can refuse a foreign stream before buffering it.
using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace Engine.Ans.Messages;

internal ref struct McbMessageParser
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly McbReadLimits _limits;
    private MessagePackReader _reader;
    private McbFormatException? _limit; // the first limit a count exceeds, thrown once the frame is known intact

    public McbMessageParser(ReadOnlyMemory<byte> bytes, McbReadLimits limits, bool moreMayFollow = false)
    {
        _bytes = bytes;
        _limits = limits;
        _reader = new MessagePackReader(bytes);
        _moreMayFollow = moreMayFollow;
    }

    // A stream of frames: bytes after the frame checksum belong to the next message (Consumed says where it starts).
    private readonly bool _moreMayFollow;

    /// <summary>Bytes the parse has read (after <see cref="Parse"/>: the whole message, frame checksum included).</summary>
    public readonly long Consumed => _reader.Consumed;

    private readonly long Remaining => _bytes.Length - _reader.Consumed;

    /// <summary>Checks what a file's first bytes can tell: a MessagePack array, the MCBITS magic, a supported
    /// version; returns the version. Throws BadMagic / UnsupportedVersion / Corrupt; EndOfStreamException when the prefix is too short.</summary>
    public int ParseHeader()
    {
        if (_reader.NextMessagePackType != MessagePackType.Array)
            throw new McbFormatException(McbErrorKind.BadMagic, "The file is not an McBits message (no MessagePack array).");
        int fields = _reader.ReadArrayHeader();
        if (fields < 2 || _reader.NextMessagePackType != MessagePackType.String)
            throw new McbFormatException(McbErrorKind.BadMagic, "The file does not start with the MCBITS magic.");
        string magic;
        try
        {
            magic = ReadString("magic");
        }
        catch (ArgumentOutOfRangeException e)
        {
            // A str32 length above int.MaxValue: MessagePack slices with a negative length.
            throw new McbFormatException(McbErrorKind.BadMagic, "The file does not start with the MCBITS magic (its first string declares over 2 GiB).", e);
        }
        if (magic != McbMessage.Magic)
            throw new McbFormatException(McbErrorKind.BadMagic, $"The magic is '{Printable(magic)}', not '{McbMessage.Magic}'.");
        if (_reader.NextMessagePackType != MessagePackType.Integer)
            throw new McbFormatException(McbErrorKind.Corrupt, "The format version is not an integer.");
        long version;
        try
        {
            version = _reader.ReadInt64();
        }
        catch (OverflowException e)
        {
            throw new McbFormatException(McbErrorKind.UnsupportedVersion,
                $"Format version is above {long.MaxValue}; this build reads versions {McbMessage.OldestVersion} to {McbMessage.CurrentVersion}.", e);
        }
        if (!McbMessage.IsSupportedVersion(version))
            throw new McbFormatException(McbErrorKind.UnsupportedVersion,
                $"Format version {version} is not supported (this build reads versions {McbMessage.OldestVersion} to {McbMessage.CurrentVersion}).");
        if (fields != 15)
            throw new McbFormatException(McbErrorKind.Corrupt, $"Version {version} has 15 fields, the file declares {fields}.");
        return (int)version;
    }

    /// <summary>Parses the whole message. Pass 1 checks every field's type, declared length and limit and the
    /// frame checksum, allocating nothing per chain; only then pass 2 copies counts, heads and tails out.</summary>
    public McbMessage Parse()
    {
        var security = MessagePackSecurity.UntrustedData;
        if (_reader.NextMessagePackType == MessagePackType.Array && ReadCountPeek() > Remaining)
            throw new McbFormatException(McbErrorKind.Truncated, "The top-level array declares more fields than bytes remain.");
        int version = ParseHeader();
        _reader.Depth++;

        string coder = ReadString("coder");
        Dictionary<string, string> coderParameters = ReadMap("coder parameters", security);
        string model = ReadString("model");
        byte[] fingerprint = ReadBin("model fingerprint", 1).ToArray();
        string backend = ReadString("backend");
        long chains = ReadInteger("chain count");
        if (chains < 1)
            throw new McbFormatException(McbErrorKind.Corrupt, $"Chain count {chains} is below 1.");
        if (chains > Remaining)
            throw new McbFormatException(McbErrorKind.Truncated, $"The file declares {chains} chains but only {Remaining} bytes remain.");
        if (chains > _limits.MaxChains)
            Limit($"Chain count {chains} is above the limit of {_limits.MaxChains}.");
        int c = (int)chains;
        CheckParticleEntities(coderParameters, c);
        ReadOnlySequence<byte> countBytes = ReadBin("symbol counts", 8, c);
        CheckSymbolCounts(countBytes, c);
        ulong seed = ReadUInt64("seed");
        ReadOnlySequence<byte> headBytes = ReadBin("heads", 8, c);
        CheckHeads(headBytes, c);
        int tailCount = ReadCount(isMap: false, "tails");
        if (tailCount != c)
            throw new McbFormatException(McbErrorKind.Corrupt, $"{tailCount} tails for {c} chains.");
        security.DepthStep(ref _reader);
        MessagePackReader tailsStart = _reader;
        for (int i = 0; i < c; i++)
            ReadBin("tail", 4);
        _reader.Depth--;
        ulong dataChecksum = ReadUInt64("data checksum");
        Dictionary<string, string> extra = ReadMap("extra", security);
        VerifyFrame();
        if (_limit is not null) throw _limit;

        // Pass 2: the frame is intact, so the per-chain arrays are worth allocating.
        var symbolCounts = new long[c];
        ReadLittleEndian(countBytes, symbolCounts);
        var heads = new ulong[c];
        ReadLittleEndian(headBytes, heads);
        var tails = new uint[c][];
        MessagePackReader tailsReader = tailsStart;
        for (int i = 0; i < c; i++)
        {
            ReadOnlySequence<byte> words = tailsReader.ReadBytes()!.Value;
            tails[i] = new uint[words.Length / 4];
            ReadLittleEndian(words, tails[i]);
        }

        return new McbMessage
        {
            FormatVersion = version,
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

    private readonly long ReadCountPeek()
    {
        MessagePackReader peek = _reader;
        return peek.ReadArrayHeader();
    }

    private void VerifyFrame()
    {
        long frameStart = _reader.Consumed;
        if (Remaining < 9)
            throw new McbFormatException(McbErrorKind.Truncated, "The file ends before the frame checksum.");
        if (_reader.NextCode != MessagePackCode.UInt64)
            throw new McbFormatException(McbErrorKind.Corrupt, "The frame checksum is not a fixed-width uint64.");
        ulong frame = _reader.ReadUInt64();
        _reader.Depth--;
        if (!_reader.End && !_moreMayFollow)
            throw new McbFormatException(McbErrorKind.Corrupt, $"{Remaining} unexpected bytes follow the message.");
        ulong actual = DataChecksum.Compute(_bytes.Span[..(int)frameStart]);
        if (actual != frame)
            throw new McbFormatException(McbErrorKind.ChecksumMismatch, $"Frame checksum mismatch (stored {frame:X16}, computed {actual:X16}): the file was altered.");
    }

    // chains × particles is what the decoder allocates entities for; a message whose "particles" is not a
    // number is left to the decoder's parameter check (it names the field).
    // A count over a limit is reported only after the frame checksum: a damaged file is Corrupt, a
    // well-formed (honest or re-sealed) file that asks too much is LimitExceeded. Every pass-1 loop is
    // bounded by bytes actually present, so walking on costs nothing.
    private void Limit(string text) => _limit ??= new McbFormatException(McbErrorKind.LimitExceeded, text);

    private void CheckParticleEntities(Dictionary<string, string> parameters, int chains)
    {
        if (parameters.TryGetValue("particles", out string? text)
            && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long particles)
            && particles * chains > _limits.MaxParticleEntities)
            Limit($"{chains} chains x {particles} particles is above the limit of {_limits.MaxParticleEntities} particle entities.");
    }

    private void CheckSymbolCounts(ReadOnlySequence<byte> bytes, int chains)
    {
        Span<byte> tmp = stackalloc byte[8];
        var r = new SequenceReader<byte>(bytes);
        long total = 0;
        for (int i = 0; i < chains; i++)
        {
            r.TryCopyTo(tmp);
            r.Advance(8);
            long count = BinaryPrimitives.ReadInt64LittleEndian(tmp);
            if (count < 0)
                throw new McbFormatException(McbErrorKind.Corrupt, $"Chain {i} declares {count} symbols.");
            if (count > _limits.MaxSymbolsPerChain)
                Limit($"Chain {i} declares {count} symbols (limit {_limits.MaxSymbolsPerChain}).");
            total = count > long.MaxValue - total ? long.MaxValue : total + count;
            if (total > _limits.MaxTotalSymbols)
                Limit($"The chains declare more than the limit of {_limits.MaxTotalSymbols} symbols in total.");
        }
    }

    private static void CheckHeads(ReadOnlySequence<byte> bytes, int chains)
    {
        Span<byte> tmp = stackalloc byte[8];
        var r = new SequenceReader<byte>(bytes);
        for (int i = 0; i < chains; i++)
        {
            r.TryCopyTo(tmp);
            r.Advance(8);
            ulong head = BinaryPrimitives.ReadUInt64LittleEndian(tmp);
            if (head < RansStep.LowerBound)
                throw new McbFormatException(McbErrorKind.Corrupt, $"Head {i} is {head}, below 2^32.");
        }
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
        => UntrustedText.Excerpt(s, 32);
}
