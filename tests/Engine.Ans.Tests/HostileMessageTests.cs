// Hostile messages (issue 10): an endless foreign stream is refused after the sniff, counts over the shared
// limits are LimitExceeded before anything is allocated for them, a damaged frame is caught before any
// per-chain array exists, and untrusted strings are escaped and capped before they reach an error text.
using System.Buffers;
using Engine.Ans.Messages;
using MessagePack;

namespace Engine.Ans.Tests;

public class HostileMessageTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void EndlessForeignStreamIsRefusedAfterTheSniff(int seed)
    {
        using var stream = new EndlessStream(seed);
        var e = Assert.Throws<McbFormatException>(() => McbMessageFile.Read(stream));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.BadMagic));
        Assert.That(stream.BytesRead, Is.LessThanOrEqualTo(McbMessageFile.SniffBytes));
    }

    // Found by afl (tests/Fuzz/regressions/message): the header of a stream longer than the sniff let MessagePack's
    // OverflowException (a version above int64) and ArgumentOutOfRangeException (a str32 length above 2^31) escape.
    [Test]
    public void HeaderNumbersOutOfRangeAreTypedOnEveryReadPath()
    {
        byte[] padding = new byte[64];
        byte[] hugeVersion = [0x9F, 0xA6, .. "MCBITS"u8, 0xCF, 0xA5, 0x42, 0x42, 0x2D, 0x53, 0x4D, 0x43, 0x2B, .. padding];
        byte[] hugeMagic = [0x9F, 0xDB, 0xCD, 0xA1, 0x38, 0x31, .. padding];
        foreach ((byte[] bytes, McbErrorKind kind) in new[] { (hugeVersion, McbErrorKind.UnsupportedVersion), (hugeMagic, McbErrorKind.BadMagic) })
        {
            Assert.That(Assert.Throws<McbFormatException>(() => McbMessageFile.Read(new MemoryStream(bytes)))!.Kind, Is.EqualTo(kind));
            Assert.That(Assert.Throws<McbFormatException>(() => McbMessageFile.Read(new ReadOnlyMemory<byte>(bytes)))!.Kind, Is.EqualTo(kind));
            Assert.That(Assert.Throws<McbFormatException>(() => McbMessageFile.Sniff(bytes.AsSpan(0, McbMessageFile.SniffBytes)))!.Kind, Is.EqualTo(kind));
        }
    }

    [Test]
    public void ChainCountAboveTheDecoderLimitIsLimitExceeded()
    {
        Assert.That(Kind(Message(chains: McbReadLimits.DecoderMaxChains + 1, particles: "1")), Is.EqualTo(McbErrorKind.LimitExceeded));
        // A bare header declaring 2^20 chains cannot hold them: Truncated, found without allocating.
        Assert.That(Kind(Header(chains: 1 << 20, particles: "1")), Is.EqualTo(McbErrorKind.Truncated));
    }

    [Test]
    public void ChainsTimesParticlesAboveTheLimitIsLimitExceeded()
    {
        Assert.That(Kind(Message(chains: 2048, particles: "4096")), Is.EqualTo(McbErrorKind.LimitExceeded));
        Assert.DoesNotThrow(() => McbMessageFile.Read(Message(chains: 1024, particles: "4096")));
    }

    [Test]
    public void TotalSymbolsAboveTheLimitIsLimitExceeded()
    {
        Assert.That(Kind(Message(chains: 2, particles: "1", symbols: Array.MaxLength)), Is.EqualTo(McbErrorKind.LimitExceeded));
        Assert.That(Kind(Message(chains: 1, particles: "1", symbols: long.MaxValue)), Is.EqualTo(McbErrorKind.LimitExceeded));
    }

    [Test]
    public void ALimitOnADamagedFileIsCorrupt()
    {
        byte[] bytes = Message(chains: 2048, particles: "4096");
        bytes[^20] ^= 1;
        Assert.That(Kind(bytes), Is.EqualTo(McbErrorKind.Corrupt), "the frame check comes before the limit");
    }

    [Test]
    public void DamagedFrameIsCaughtBeforeTheTailsAreCopied()
    {
        const int words = 8 << 20; // a 32 MiB tail
        var m = new McbMessage
        {
            Coder = "BB-IS", Model = "m", SymbolCounts = [0], Seed = 1, Heads = [1UL << 40],
            Tails = [new uint[words]],
        };
        byte[] bytes = McbMessageFile.ToBytes(m);
        bytes[bytes.Length / 2] ^= 1;
        var memory = new ReadOnlyMemory<byte>(bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<McbFormatException>(() => McbMessageFile.Read(memory));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ChecksumMismatch));
        Assert.That(e.Message, Does.Contain("Frame checksum"));
        Assert.That(allocated, Is.LessThan(1 << 20), "no tail copied before the frame was checked");
    }

    [Test]
    public void HonestMessageStillReadsFromAStreamOfEveryShape()
    {
        var m = new McbMessage
        {
            Coder = "BB-IS", Model = "m", SymbolCounts = [3, 4], Seed = 7, Heads = [1UL << 40, 1UL << 33],
            Tails = [[1, 2, 3], []], CoderParameters = new Dictionary<string, string> { ["particles"] = "4" },
        };
        byte[] bytes = McbMessageFile.ToBytes(m);
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            Assert.That(McbMessageFile.ToBytes(McbMessageFile.Read(path)), Is.EqualTo(bytes));
            using var pipe = new NonSeekableStream(bytes);
            Assert.That(McbMessageFile.ToBytes(McbMessageFile.Read(pipe)), Is.EqualTo(bytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void UntrustedTextIsEscapedAndCapped()
    {
        Assert.That(UntrustedText.Excerpt("a\u001b[31mb\n\u009b\u202e"), Is.EqualTo("a\\x1B[31mb\\x0A\\x9B\\u202E"));
        string longText = new('x', 1_000_000);
        string shown = UntrustedText.Excerpt(longText);
        Assert.That(shown, Has.Length.LessThan(UntrustedText.DefaultMaxChars + 40));
        Assert.That(shown, Does.EndWith("(999800 more characters)"));
        Assert.That(UntrustedText.Hex(new byte[1 << 20]), Has.Length.LessThan(UntrustedText.DefaultMaxChars + 40));
    }

    [Test]
    public void ModelMismatchTextIsCapped()
    {
        var m = new McbMessage
        {
            Coder = "BB-IS", Model = "\u001b]0;pwned\u0007" + new string('m', 100_000), ModelFingerprint = new byte[1 << 20],
            SymbolCounts = [0], Heads = [1UL << 40], Tails = [[]],
        };
        var e = Assert.Throws<McbFormatException>(() => DecodeVerifier.VerifyModel(m, "toy", [1]));
        Assert.That(e!.Message, Has.Length.LessThan(600));
        e = Assert.Throws<McbFormatException>(() => DecodeVerifier.VerifyModel(m, "toy", m.ModelFingerprint));
        Assert.That(e!.Message, Has.Length.LessThan(600));
        Assert.That(e.Message, Does.Not.Contain("\u001b"));
    }

    private static McbErrorKind Kind(byte[] bytes)
        => Assert.Throws<McbFormatException>(() => McbMessageFile.Read(bytes))!.Kind;

    // A well-formed, sealed message claiming these counts.
    private static byte[] Message(int chains, string particles, long symbols = 0) => McbMessageFile.ToBytes(new McbMessage
    {
        Coder = "BB-IS", Model = "toy", CoderParameters = new Dictionary<string, string> { ["particles"] = particles },
        SymbolCounts = Enumerable.Repeat(symbols, chains).ToArray(), Heads = Enumerable.Repeat(1UL << 40, chains).ToArray(),
        Tails = Enumerable.Range(0, chains).Select(_ => Array.Empty<uint>()).ToArray(),
    });

    // Fields 0..8 of a version-1 message (the symbol counts only when given), and nothing after them.
    private static byte[] Header(long chains, string particles)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(15);
        w.Write(McbMessage.Magic);
        w.Write(McbMessage.CurrentVersion);
        w.Write("BB-IS");
        w.WriteMapHeader(1);
        w.Write("particles");
        w.Write(particles);
        w.Write("toy");
        w.Write(new byte[8]);
        w.Write("cpu");
        w.Write(chains);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class EndlessStream(int seed) : Stream
    {
        private readonly Random _rng = new(seed);

        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (seed == 0) Array.Clear(buffer, offset, count);
            else _rng.NextBytes(buffer.AsSpan(offset, count));
            BytesRead += count;
            return count;
        }
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
