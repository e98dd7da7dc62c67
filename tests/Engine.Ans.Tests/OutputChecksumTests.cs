// OutputChecksum and the two format versions: version 1's element 12 is XXH64 of the bytes alone (a reshape
// of the same bytes still matches), version 2's is XXH64 seeded with XXH64 of the dimensions (any reshape
// is caught), the two versions' files differ only in the version byte, element 12 and the frame checksum,
// each version survives a write/read round trip, and the verifier applies the rule of the message's version.
using System.Buffers.Binary;
using Engine.Ans.Messages;

namespace Engine.Ans.Tests;

public class OutputChecksumTests
{
    private static readonly byte[] Twelve = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];

    [Test]
    public void Version1HashesTheBytesAloneSoAReshapeStillMatches()
    {
        ulong plain = DataChecksum.Compute(Twelve);
        Assert.That(OutputChecksum.Compute(1, [2, 6], Twelve), Is.EqualTo(plain));
        Assert.That(OutputChecksum.Compute(1, [3, 4], Twelve), Is.EqualTo(plain));
        Assert.That(OutputChecksum.CoversShape(1), Is.False);
    }

    [Test]
    public void Version2SeedsXxh64WithTheDimensions()
    {
        // Independent of OutputChecksum: the dimensions as uint64 little-endian, hashed, then used as the seed.
        var record = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(record, 2);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(8), 6);
        ulong expected = DataChecksum.Compute(Twelve, DataChecksum.Compute(record));
        Assert.That(OutputChecksum.Compute(2, [2, 6], Twelve), Is.EqualTo(expected));
        Assert.That(OutputChecksum.ShapeSeed([2, 6]), Is.EqualTo(DataChecksum.Compute(record)));
        Assert.That(OutputChecksum.CoversShape(2), Is.True);
    }

    [Test]
    public void Version2WorkedExampleOfTheFormatPage()
    {
        // docs/format.md#data-checksum quotes these values for a reader to check against (checked once against an
        // independent Python XXH64 written from the xxHash specification).
        Assert.That(OutputChecksum.ShapeSeed([1, 3]), Is.EqualTo(0x9C2B5AEF47D495CCUL));
        Assert.That(OutputChecksum.Compute(2, [1, 3], "abc"u8), Is.EqualTo(0x651DF03841C85653UL));
        Assert.That(OutputChecksum.Compute(1, [1, 3], "abc"u8), Is.EqualTo(0x44BC2CF5AD770999UL));
    }

    [Test]
    public void EveryReshapeOfTheSameBytesHasItsOwnVersion2Checksum()
    {
        long[][] shapes = [[12], [1, 12], [12, 1], [2, 6], [6, 2], [3, 4], [4, 3], [2, 2, 3], [3, 2, 2], [1, 3, 4], [1, 4, 3]];
        var sums = shapes.Select(s => OutputChecksum.Compute(2, s, Twelve)).ToArray();
        Assert.That(sums.Distinct().Count(), Is.EqualTo(shapes.Length));
        Assert.That(sums, Does.Not.Contain(DataChecksum.Compute(Twelve)));
    }

    [Test]
    public void EmptyOutputHasAChecksumPerShape()
    {
        Assert.That(OutputChecksum.Compute(2, [0, 10, 1], []), Is.Not.EqualTo(OutputChecksum.Compute(2, [0, 1, 1], [])));
        Assert.That(OutputChecksum.Compute(1, [0, 10, 1], []), Is.EqualTo(DataChecksum.Compute(ReadOnlySpan<byte>.Empty)));
    }

    [Test]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => OutputChecksum.Compute(2, [5, 2], Twelve));
        Assert.Throws<ArgumentException>(() => OutputChecksum.Compute(2, [-2, -6], Twelve));
        Assert.Throws<ArgumentException>(() => OutputChecksum.Compute(2, [], Twelve));
        Assert.Throws<ArgumentException>(() => OutputChecksum.Compute(1, [13], Twelve));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputChecksum.Compute(0, [12], Twelve));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputChecksum.Compute(McbMessage.CurrentVersion + 1, [12], Twelve));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void EachVersionRoundTripsAndDecodes(int version)
    {
        var codec = new ToyBitsBackCodec(17);
        int[][] chains = ToyBitsBackCodec.RandomChains(new Random(3), 4, 40);
        byte[] file = McbMessageFile.ToBytes(codec.Encode(chains, 99, version));
        Assert.That(file[8], Is.EqualTo((byte)version), "the version is the 9th byte, after the array header and the magic");
        McbMessage read = McbMessageFile.Read(file);
        Assert.That(read.FormatVersion, Is.EqualTo(version));
        Assert.That(codec.Decode(read), Is.EqualTo(chains));
    }

    [TestCase(0)]
    [TestCase(McbMessage.CurrentVersion + 1)]
    public void WritingAnUnknownVersionIsRefused(int version)
    {
        var codec = new ToyBitsBackCodec(17);
        McbMessage m = codec.Encode(ToyBitsBackCodec.RandomChains(new Random(5), 1, 10), 1);
        var unknown = new McbMessage
        {
            FormatVersion = version, Coder = m.Coder, Model = m.Model, SymbolCounts = m.SymbolCounts, Heads = m.Heads, Tails = m.Tails,
        };
        Assert.Throws<ArgumentException>(() => McbMessageFile.ToBytes(unknown));
    }

    [Test]
    public void TheVersionsDifferInTheVersionTheDataChecksumAndTheFrameOnly()
    {
        var codec = new ToyBitsBackCodec(17);
        int[][] chains = ToyBitsBackCodec.RandomChains(new Random(4), 3, 50);
        McbMessage v1 = codec.Encode(chains, 5, version: 1), v2 = codec.Encode(chains, 5, version: 2);
        byte[] expected = McbMessageFile.ToBytes(v1);
        expected[8] = 2;
        int at = IndexOf(expected, UInt64Field(v1.DataChecksum));
        UInt64Field(v2.DataChecksum).CopyTo(expected, at);
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(expected.Length - 8), DataChecksum.Compute(expected.AsSpan(0, expected.Length - 9)));
        Assert.That(McbMessageFile.ToBytes(v2), Is.EqualTo(expected));
    }

    [Test]
    public void TheVerifierAppliesTheMessagesVersion()
    {
        // Lanes that were never pushed are at their initial state, so only the checksum decides.
        var lanes = new RansLanes(1, 8);
        foreach (int version in new[] { 1, 2 })
        {
            var m = new McbMessage
            {
                FormatVersion = version, Coder = "x", Model = "x", SymbolCounts = [12], Heads = [lanes.Heads[0]], Tails = [[]],
                DataChecksum = OutputChecksum.Compute(version, [3, 4], Twelve),
            };
            Assert.DoesNotThrow(() => DecodeVerifier.Verify(lanes, m, [3, 4], Twelve));
            if (version == 1)
            {
                Assert.DoesNotThrow(() => DecodeVerifier.Verify(lanes, m, [4, 3], Twelve), "version 1 cannot see a reshape");
                continue;
            }
            var e = Assert.Throws<McbFormatException>(() => DecodeVerifier.Verify(lanes, m, [4, 3], Twelve))!;
            Assert.That(e.Kind, Is.EqualTo(McbErrorKind.ChecksumMismatch));
            Assert.That(e.Message, Does.Contain("4x3"));
        }
    }

    private static byte[] UInt64Field(ulong v)
    {
        var b = new byte[9];
        b[0] = 0xCF;
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(1), v);
        return b;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        Assert.That(at, Is.GreaterThan(0));
        Assert.That(haystack.AsSpan(at + 1).IndexOf(needle), Is.LessThan(0), "the value occurs once");
        return at;
    }
}
