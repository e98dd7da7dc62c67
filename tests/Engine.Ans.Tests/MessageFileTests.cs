// Message file: write/read round trips, exact decode through the toy bits-back codec, and one test per
// typed failure (bad magic, unsupported version, truncated, corrupt, checksum, state, model).
using System.Buffers;
using Engine.Ans.Messages;
using MessagePack;

namespace Engine.Ans.Tests;

public class MessageFileTests
{
    private static readonly ToyBitsBackCodec Codec = new(17);

    private static (McbMessage Message, int[][] Chains) Sample(int seed = 1)
    {
        var rng = new Random(seed);
        int[][] chains = ToyBitsBackCodec.RandomChains(rng, 5, 60);
        return (Codec.Encode(chains, (ulong)seed * 7919), chains);
    }

    [Test]
    public void WriteReadRoundTripsEveryField()
    {
        (McbMessage m, _) = Sample();
        using var stream = new MemoryStream();
        long written = McbMessageFile.Write(stream, m);
        Assert.That(written, Is.EqualTo(stream.Length));
        stream.Position = 0;
        McbMessage r = McbMessageFile.Read(stream);
        Assert.Multiple(() =>
        {
            Assert.That(r.FormatVersion, Is.EqualTo(McbMessage.CurrentVersion));
            Assert.That(r.Coder, Is.EqualTo(m.Coder));
            Assert.That(r.CoderParameters, Is.EquivalentTo(m.CoderParameters));
            Assert.That(r.Model, Is.EqualTo(m.Model));
            Assert.That(r.ModelFingerprint, Is.EqualTo(m.ModelFingerprint));
            Assert.That(r.Backend, Is.EqualTo(m.Backend));
            Assert.That(r.SymbolCounts, Is.EqualTo(m.SymbolCounts));
            Assert.That(r.Seed, Is.EqualTo(m.Seed));
            Assert.That(r.Heads, Is.EqualTo(m.Heads));
            Assert.That(r.Tails, Is.EqualTo(m.Tails));
            Assert.That(r.DataChecksum, Is.EqualTo(m.DataChecksum));
            Assert.That(r.Extra, Is.EquivalentTo(m.Extra));
        });
    }

    [Test]
    public void ReadMessageDecodesExactly()
    {
        (McbMessage m, int[][] chains) = Sample(4);
        McbMessage r = McbMessageFile.Read(McbMessageFile.ToBytes(m));
        Assert.That(Codec.Decode(r), Is.EqualTo(chains));
    }

    [Test]
    public void WritingIsDeterministic()
    {
        (McbMessage m, _) = Sample(5);
        Assert.That(McbMessageFile.ToBytes(m), Is.EqualTo(McbMessageFile.ToBytes(Codec.Encode(Sample(5).Chains, m.Seed))));
    }

    [Test]
    public void BadMagic()
    {
        byte[] bytes = McbMessageFile.ToBytes(Sample().Message);
        bytes[3] ^= 0x20; // inside "MCBITS"
        Assert.That(Kind(bytes), Is.EqualTo(McbErrorKind.BadMagic));
        Assert.That(Kind([0x01, 0x02]), Is.EqualTo(McbErrorKind.BadMagic));
    }

    [TestCase(0)]
    [TestCase(McbMessage.CurrentVersion + 1)]
    [TestCase(255)]
    [TestCase(-1)]
    public void UnsupportedVersion(int version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(3);
        w.Write("MCBITS");
        w.Write(version);
        w.Write("future");
        w.Flush();
        Assert.That(Kind(buffer.WrittenSpan.ToArray()), Is.EqualTo(McbErrorKind.UnsupportedVersion));
    }

    [Test]
    public void TruncatedAndEmpty()
    {
        byte[] bytes = McbMessageFile.ToBytes(Sample().Message);
        Assert.That(Kind(bytes[..(bytes.Length / 2)]), Is.EqualTo(McbErrorKind.Truncated));
        Assert.That(Kind([]), Is.EqualTo(McbErrorKind.Truncated));
    }

    [Test]
    public void AlteredBodyFailsTheFrameChecksum()
    {
        (McbMessage m, _) = Sample();
        byte[] bytes = McbMessageFile.ToBytes(m);
        int tailByte = bytes.Length - 40;
        bytes[tailByte] ^= 1;
        var ex = Assert.Throws<McbFormatException>(() => McbMessageFile.Read(bytes));
        Assert.That(ex!.Kind, Is.EqualTo(McbErrorKind.ChecksumMismatch));
        Assert.That(ex.Message, Does.Contain("Frame checksum"));
    }

    [Test]
    public void HugeDeclaredChainCountIsRejectedBeforeAllocation()
    {
        (McbMessage m, _) = Sample();
        var limits = new McbReadLimits { MaxChains = 4 };
        var ex = Assert.Throws<McbFormatException>(() => McbMessageFile.Read(McbMessageFile.ToBytes(m), limits));
        Assert.That(ex!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
    }

    [Test]
    public void WrongStateAndChecksumAndModelAreTyped()
    {
        (McbMessage m, _) = Sample(9);
        // Another seed: the decode runs but the chains do not return to their initial state.
        var reseeded = Clone(m, seed: m.Seed + 1);
        Assert.That(Assert.Throws<McbFormatException>(() => Codec.Decode(reseeded))!.Kind, Is.EqualTo(McbErrorKind.StateMismatch));
        var badSum = Clone(m, checksum: m.DataChecksum ^ 1);
        Assert.That(Assert.Throws<McbFormatException>(() => Codec.Decode(badSum))!.Kind, Is.EqualTo(McbErrorKind.ChecksumMismatch));
        var other = new ToyBitsBackCodec(18);
        Assert.That(Assert.Throws<McbFormatException>(() => other.Decode(m))!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    [Test]
    public void XxHash64MatchesPublishedVectors()
    {
        static ulong H(string s, ulong seed = 0) => DataChecksum.Compute(System.Text.Encoding.ASCII.GetBytes(s), seed);
        Assert.Multiple(() =>
        {
            Assert.That(H(""), Is.EqualTo(0xEF46DB3751D8E999UL));
            Assert.That(H("", 1), Is.EqualTo(0xD5AFBA1336A3BE4BUL));
            Assert.That(H("a"), Is.EqualTo(0xD24EC4F1A98C6E5BUL));
            Assert.That(H("abc"), Is.EqualTo(0x44BC2CF5AD770999UL));
            Assert.That(H("abc", 5381), Is.EqualTo(0x19D1C1B5C673451FUL));
            Assert.That(H("12345678901234567890123456789012"), Is.EqualTo(0x40FD1AA52D98274CUL));
            Assert.That(H("The quick brown fox jumps over the lazy dog"), Is.EqualTo(0x0B242D361FDA71BCUL));
        });
    }

    private static McbErrorKind Kind(byte[] bytes)
        => Assert.Throws<McbFormatException>(() => McbMessageFile.Read(bytes))!.Kind;

    private static McbMessage Clone(McbMessage m, ulong? seed = null, ulong? checksum = null) => new()
    {
        FormatVersion = m.FormatVersion,
        Coder = m.Coder,
        CoderParameters = m.CoderParameters,
        Model = m.Model,
        ModelFingerprint = m.ModelFingerprint,
        Backend = m.Backend,
        SymbolCounts = m.SymbolCounts,
        Seed = seed ?? m.Seed,
        Heads = m.Heads,
        Tails = m.Tails,
        DataChecksum = checksum ?? m.DataChecksum,
        Extra = m.Extra,
    };
}
