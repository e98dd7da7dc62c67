// Everything a decode reconstructs is verified (issue 10, item 3). A message edited in a header field that
// shapes the output, with its frame checksum re-sealed (written again through McbMessageFile), is refused
// with a typed McbFormatException and yields no output. Format version 2 catches a VAE message that gives
// its pixels another image shape (ChecksumMismatch: the checksum covers images x rows x cols); version 1
// cannot, and still decodes such a message to the edited shape — the documented limit of that version.
// The toy models' output is the bytes alone, so their shaping fields were already caught in both versions
// (sequence length against the model, counts by the split and the state check); those stay pinned here.
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Toy;
using Engine.Systems.Vae;
using Engine.Systems.Tests.Vae;

namespace Engine.Systems.Tests;

public class OutputShapeTests
{
    private const int Images = 5;

    private static McbMessage EncodeVae(CoderKind kind, int n, int chains, int version) =>
        VaeCodec.Encode(TinyVae.Images(Images), TinyVae.Model, new CoderOptions { Kind = kind, Particles = n, Chains = chains, FormatVersion = version }).Message;

    [TestCase(CoderKind.BbElbo, 1, 1, 1, 64)]
    [TestCase(CoderKind.BbIs, 5, 1, 64, 1)]
    [TestCase(CoderKind.BbCis, 5, 2, 4, 16)]
    [TestCase(CoderKind.BbIs, 5, 3, 16, 4)]
    [TestCase(CoderKind.BbElbo, 1, 2, 2, 32)]
    public void Version2VaeMessageReshapedIsAChecksumMismatch(CoderKind kind, int n, int chains, int rows, int cols)
    {
        McbMessage honest = EncodeVae(kind, n, chains, version: 2);
        Assert.That(VaeCodec.DecodeImages(honest, TinyVae.Model).Bits, Is.EqualTo(TinyVae.Images(Images).Bits));
        McbMessage edited = Resealed(honest, parameters: Shape(honest, rows, cols));
        Assert.That(VaeCodec.ImageShape(edited), Is.EqualTo((rows, cols)), "the edit survives the file format");
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.DecodeImages(edited, TinyVae.Model))!;
        Assert.That(e.Kind, Is.EqualTo(McbErrorKind.ChecksumMismatch));
        Assert.That(e.Message, Does.Contain($"{Images}x{rows}x{cols}"));
    }

    [Test]
    public void Version1VaeMessageReshapedStillDecodesToTheEditedShape()
    {
        // Version 1's checksum covers the pixels only: the same bits come back as 1 x 64 images. Documented in
        // docs/format.md (version 2) and warned about by mcbits decompress.
        McbMessage v1 = EncodeVae(CoderKind.BbIs, 5, 2, version: 1);
        McbMessage edited = Resealed(v1, parameters: Shape(v1, 1, 64));
        Assert.That(edited.FormatVersion, Is.EqualTo(1));
        BinaryImages images = VaeCodec.DecodeImages(edited, TinyVae.Model);
        Assert.That((images.Count, images.Rows, images.Cols), Is.EqualTo((Images, 1, 64)));
        Assert.That(images.Bits, Is.EqualTo(TinyVae.Images(Images).Bits));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void VaeImageCountEditedIsRefused(int version)
    {
        // One chain: a count of 4 or 6 images is a whole number of images and a valid split, so only the decode
        // itself can tell — 4 images leave the fifth's bits on the stack (StateMismatch), 6 pop past the state the
        // encoder began with (here off the bottom of the tail: Corrupt).
        McbMessage m = EncodeVae(CoderKind.BbIs, 5, 1, version);
        foreach ((int images, McbErrorKind kind) in new[] { (Images - 1, McbErrorKind.StateMismatch), (Images + 1, McbErrorKind.Corrupt) })
        {
            McbMessage edited = Resealed(m, counts: [images * 64L]);
            var e = Assert.Throws<McbFormatException>(() => VaeCodec.DecodeImages(edited, TinyVae.Model), $"{images} images")!;
            Assert.That(e.Kind, Is.EqualTo(kind), $"{images} images: {e.Message}");
        }
    }

    [TestCase(1, "mixture:seed=1", CoderKind.BbCis, 8)]
    [TestCase(2, "mixture:seed=1", CoderKind.BbCis, 8)]
    [TestCase(1, "hmm:seed=1", CoderKind.BbSmc, 8)]
    [TestCase(2, "hmm:seed=1", CoderKind.BbSmc, 8)]
    public void ToySequenceLengthOrCountEditedIsRefused(int version, string model, CoderKind kind, int n)
    {
        ToyModel toy = TestModels.Get(model);
        int t = toy.SequenceLength;
        byte[] data = toy.Sample(12, 3);
        McbMessage m = McBitsCodec.Encode(data, toy, new CoderOptions { Kind = kind, Particles = n, Chains = 1, Seed = 5, FormatVersion = version }).Message;
        Assert.That(McBitsCodec.Decode(McbMessageFile.Read(McbMessageFile.ToBytes(m))), Is.EqualTo(data));

        // T is the model's: a message saying otherwise is malformed, whatever the version.
        var p = new Dictionary<string, string>(m.CoderParameters) { ["sequence_length"] = (t == 1 ? 2 : t / 2).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(Resealed(m, parameters: p)))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));

        // One unit fewer or more on the only chain: a valid split, refused by the decode's own checks. Fewer leaves
        // the last unit's bits on the stack (StateMismatch); more pops into the seeded initial bits, which ends
        // off the bottom of the tail (Corrupt) or away from the initial state (StateMismatch) depending on the coder.
        var fewer = Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(Resealed(m, counts: [11L * t])))!;
        Assert.That(fewer.Kind, Is.EqualTo(McbErrorKind.StateMismatch), fewer.Message);
        var more = Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(Resealed(m, counts: [13L * t])))!;
        Assert.That(more.Kind, Is.AnyOf(McbErrorKind.StateMismatch, McbErrorKind.Corrupt), more.Message);
    }

    [TestCase(0)]
    [TestCase(McbMessage.CurrentVersion + 1)]
    public void EncodeRefusesAFormatVersionThisBuildDoesNotWrite(int version)
    {
        var options = new CoderOptions { Kind = CoderKind.BbIs, Particles = 4, FormatVersion = version };
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.Encode(TestModels.Mixture.Sample(3, 1), TestModels.Mixture, options));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeCodec.Encode(TinyVae.Images(2), TinyVae.Model, options));
    }

    private static Dictionary<string, string> Shape(McbMessage m, int rows, int cols) => new(m.CoderParameters)
    {
        ["rows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["cols"] = cols.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary><paramref name="m"/> with some fields replaced, written to bytes (a fresh frame checksum) and read back.</summary>
    private static McbMessage Resealed(McbMessage m, IReadOnlyDictionary<string, string>? parameters = null, long[]? counts = null) =>
        McbMessageFile.Read(McbMessageFile.ToBytes(new McbMessage
        {
            FormatVersion = m.FormatVersion, Coder = m.Coder, CoderParameters = parameters ?? m.CoderParameters, Model = m.Model,
            ModelFingerprint = m.ModelFingerprint, Backend = m.Backend, SymbolCounts = counts ?? m.SymbolCounts, Seed = m.Seed,
            Heads = m.Heads, Tails = m.Tails, DataChecksum = m.DataChecksum, Extra = m.Extra,
        }));
}
