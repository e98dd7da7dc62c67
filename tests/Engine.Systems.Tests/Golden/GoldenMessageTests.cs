// Golden messages: every committed message of every format version decodes to its committed input,
// and re-encoding that input with the case's options (its version included) reproduces the message byte
// for byte (re-encoding identity is pinned per version). A change that breaks either is a format change
// (docs/format.md). Version 2 codes the same inputs with the same options as version 1, so each v2
// message is its v1 twin with only the version byte, the data checksum and the frame checksum changed —
// the whole of the format change, checked here on real messages of every coder. Version 3 changes only the
// VAE's BB-CIS (each latent dimension permutes the particle slots on its own); every other v3 message is its v2
// twin with the version byte and the frame checksum changed. Version 5 changes only the VAE's latent grid (recorded in
// the message, 2^12 buckets by default): every toy v5 message is its v4 twin with the version byte and the frame checksum
// changed, and each VAE message records its grid.
using System.Buffers.Binary;
using Engine.Ans.Messages;

namespace Engine.Systems.Tests.Golden;

public class GoldenMessageTests
{
    private static IEnumerable<GoldenCase> All => GoldenSet.Versions.SelectMany(GoldenSet.Of);

    private static IEnumerable<GoldenCase> V2 => GoldenSet.V2;

    private static IEnumerable<GoldenCase> V3 => GoldenSet.V3;

    private static IEnumerable<GoldenCase> V5 => GoldenSet.V5;

    [TestCaseSource(nameof(All))]
    public void MessageDecodesToItsInput(GoldenCase c)
    {
        byte[] input = File.ReadAllBytes(GoldenCoding.InputPath(c));
        McbMessage message = McbMessageFile.Read(GoldenCoding.MessagePath(c));
        Assert.That(message.FormatVersion, Is.EqualTo(c.Version));
        Assert.That(GoldenCoding.Decode(c, message), Is.EqualTo(input));
    }

    [TestCaseSource(nameof(All))]
    public void ReEncodesByteForByte(GoldenCase c)
    {
        byte[] input = File.ReadAllBytes(GoldenCoding.InputPath(c));
        byte[] expected = File.ReadAllBytes(GoldenCoding.MessagePath(c));
        Assert.That(McbMessageFile.ToBytes(GoldenCoding.Encode(c, input)), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(V2))]
    public void Version2IsItsVersion1TwinWithANewChecksum(GoldenCase c)
    {
        GoldenCase twin = GoldenSet.V1.Single(v1 => v1.Name == c.Name);
        byte[] v1 = File.ReadAllBytes(GoldenCoding.MessagePath(twin)), v2 = File.ReadAllBytes(GoldenCoding.MessagePath(c));
        McbMessage m1 = McbMessageFile.Read(v1), m2 = McbMessageFile.Read(v2);
        Assert.That(m2.DataChecksum, Is.Not.EqualTo(m1.DataChecksum));
        byte[] expected = (byte[])v1.Clone();
        expected[8] = 2;
        // Element 12 sits just before element 13 (the extra map) and the 9-byte frame checksum.
        int extra = v1.Length - 9 - MapBytes(m1.Extra);
        Assert.That(v1[extra - 9], Is.EqualTo(0xCF));
        Assert.That(BinaryPrimitives.ReadUInt64BigEndian(v1.AsSpan(extra - 8)), Is.EqualTo(m1.DataChecksum));
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(extra - 8), m2.DataChecksum);
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(v1.Length - 8), DataChecksum.Compute(expected.AsSpan(0, v1.Length - 9)));
        Assert.That(v2, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(V3))]
    public void Version3IsItsVersion2TwinButForTheVaesCoupledParticles(GoldenCase c)
    {
        GoldenCase twin = GoldenSet.V2.Single(v2 => v2.Name == c.Name);
        byte[] v2 = File.ReadAllBytes(GoldenCoding.MessagePath(twin)), v3 = File.ReadAllBytes(GoldenCoding.MessagePath(c));
        if (c.Model == GoldenSet.VaeModel && c.Options.Kind == CoderKind.BbCis && c.Options.Particles > 1)
        {
            // Per-dimension shifts move the particles, so the chosen latents and the stack differ.
            McbMessage m2 = McbMessageFile.Read(v2), m3 = McbMessageFile.Read(v3);
            Assert.That(m3.DataChecksum, Is.EqualTo(m2.DataChecksum), "same data, same shape");
            Assert.That(m3.Heads, Is.Not.EqualTo(m2.Heads), "the coupled particles moved");
            return;
        }
        byte[] expected = (byte[])v2.Clone();
        expected[8] = 3;
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(v2.Length - 8), DataChecksum.Compute(expected.AsSpan(0, v2.Length - 9)));
        Assert.That(v3, Is.EqualTo(expected), "everything else codes as version 2 did");
    }

    [TestCaseSource(nameof(V5))]
    public void Version5IsItsVersion4TwinButForTheVaesGrid(GoldenCase c)
    {
        byte[] v5 = File.ReadAllBytes(GoldenCoding.MessagePath(c));
        McbMessage m5 = McbMessageFile.Read(v5);
        if (c.IsVae)
        {
            Engine.Models.Neural.VaeLatentGrid grid = c.Grid ?? Engine.Models.Neural.VaeLatentGrid.Default;
            Assert.That(m5.CoderParameters["prior_bits"], Is.EqualTo(grid.PriorBits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(m5.CoderParameters["proposal_precision"], Is.EqualTo(grid.ProposalPrecision.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(m5.CoderParameters["latent_point"], Is.EqualTo(grid.PointName));
            return;
        }
        GoldenCase twin = GoldenSet.V4.Single(v4 => v4.Name == c.Name);
        byte[] v4 = File.ReadAllBytes(GoldenCoding.MessagePath(twin));
        byte[] expected = (byte[])v4.Clone();
        expected[8] = 5;
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(v4.Length - 8), DataChecksum.Compute(expected.AsSpan(0, v4.Length - 9)));
        Assert.That(v5, Is.EqualTo(expected), "a table model codes as version 4 did");
    }

    [Test]
    public void EveryCataloguedFileIsCommitted()
    {
        foreach (int version in GoldenSet.Versions)
        {
            foreach (GoldenCase c in GoldenSet.Of(version))
            {
                Assert.That(File.Exists(GoldenCoding.InputPath(c)), c.ToString());
                Assert.That(File.Exists(GoldenCoding.MessagePath(c)), c.ToString());
            }
            Assert.That(Directory.GetFiles(GoldenSet.Directory(version), "*.mcb"), Has.Length.EqualTo(GoldenSet.Of(version).Count),
                $"v{version}: no stray or missing messages");
        }
        Assert.That(GoldenSet.Versions, Does.Contain(McbMessage.CurrentVersion), "the version this build writes has its golden set");
    }

    // Bytes of a small str->str map as the writer packs it (fixmap, fixstr keys and values).
    private static int MapBytes(IReadOnlyDictionary<string, string> map)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var w = new MessagePack.MessagePackWriter(buffer);
        w.WriteMapHeader(map.Count);
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(k);
            w.Write(v);
        }
        w.Flush();
        return buffer.WrittenCount;
    }
}
