// `mcbits decompress` and the format versions (docs/format.md#versions). A version-2 VAE message edited to
// give its pixels another image shape (frame checksum re-sealed) is refused with exit 14 (10 +
// ChecksumMismatch) and no output file, in-process and as a child process — the case issue 10 found, a
// 28x28 message edited to 1x784. Version-1 messages still decode: a VAE one prints a warning on stderr
// that its image shape is not verified (an edited shape is then written as edited), a toy one needs no
// warning (its output is the checksummed bytes). An unknown version is exit 11 (UnsupportedVersion).
using System.Buffers.Binary;
using Engine.Ans.Messages;
using Engine.Cli.Tests.Vae;

namespace Engine.Cli.Tests;

internal sealed class FormatVersionTests : CliHarness
{
    private static string Golden(int version, string file) => Path.Combine(AppContext.BaseDirectory, "Golden", $"v{version}", file);

    private static string TinyCheckpoint => Golden(1, "vae-tiny.ckpt");

    private const int ExitChecksumMismatch = 10 + (int)McbErrorKind.ChecksumMismatch;

    [Test]
    public void Version2VaeMessageReshapedTo1x784IsRefusedWithNoOutput()
    {
        TinyFashion fashion = TinyFashion.Instance;
        RunOk("compress", fashion.Images, "-o", P("good.mcb"), "--model", fashion.ModelA, "--coder", "bb-is", "-N", "3", "-B", "2", "--images", "4");
        Assert.That(McbMessageFile.Read(P("good.mcb")).FormatVersion, Is.EqualTo(McbMessage.CurrentVersion), "compress writes the current version");
        RunOk("decompress", P("good.mcb"), "-o", P("good.idx"), "--model", fashion.ModelA);
        Assert.That(File.ReadAllBytes(P("good.idx")), Is.EqualTo(fashion.ExpectedIdx(4)));

        WriteReshaped(P("good.mcb"), P("flat.mcb"), 1, 784);
        CliResult r = Run("decompress", P("flat.mcb"), "-o", P("flat.idx"), "--model", fashion.ModelA);
        AssertCleanFailure(r, ExitChecksumMismatch, P("flat.idx"));
        Assert.That(r.ErrorLines[0], Does.Contain("flat.mcb").And.Contain("4x1x784"));
        Assert.That(r.Out, Is.Empty);

        ChildResult child = ChildMcbits.Run("decompress", P("flat.mcb"), "-o", P("child.idx"), "--model", fashion.ModelA);
        Assert.That(child.ExitCode, Is.EqualTo(ExitChecksumMismatch), child.ToString());
        Assert.That(child.ErrorLines, Has.Length.EqualTo(1), child.ToString());
        Assert.That(File.Exists(P("child.idx")), Is.False);
    }

    [TestCase("vae-bb-elbo-n1-b1", 2)]
    [TestCase("vae-bb-is-n5-b3", 2)]
    [TestCase("vae-bb-cis-n5-b1", 2)]
    [TestCase("vae-bb-cis-n5-b1", 3)]
    [TestCase("vae-bb-cis-n5-b3", 3)]
    public void GoldenVaeMessagesOfVersion2And3DecodeWithoutWarning(string name, int version)
    {
        RunOk("decompress", Golden(version, name + ".mcb"), "-o", P("out.idx"), "--model", TinyCheckpoint);
        Assert.That(File.ReadAllBytes(P("out.idx")), Is.EqualTo(Idx(File.ReadAllBytes(Golden(1, name + ".input")), 8, 8)));
    }

    [Test]
    public void Version2VaeGoldenReshapedIsRefused()
    {
        WriteReshaped(Golden(2, "vae-bb-cis-n5-b3.mcb"), P("flat.mcb"), 2, 32);
        AssertCleanFailure(Run("decompress", P("flat.mcb"), "-o", P("out.idx"), "--model", TinyCheckpoint), ExitChecksumMismatch, P("out.idx"));
    }

    [Test]
    public void Version1VaeMessageDecodesWithAWarningThatItsShapeIsUnverified()
    {
        CliResult r = Run("decompress", Golden(1, "vae-bb-is-n5-b1.mcb"), "-o", P("out.idx"), "--model", TinyCheckpoint);
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        Assert.That(File.ReadAllBytes(P("out.idx")), Is.EqualTo(Idx(File.ReadAllBytes(Golden(1, "vae-bb-is-n5-b1.input")), 8, 8)));
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1), r.ToString());
        Assert.That(r.ErrorLines[0], Does.StartWith("mcbits: warning: ").And.Contain("version 1").And.Contain("8x8").And.Contain("taken on trust"));
        Assert.That(r.Out, Does.Contain("pixels only"));
    }

    [Test]
    public void Version1VaeMessageReshapedIsWrittenAsEditedWithTheWarning()
    {
        // What version 1 cannot verify: the same pixels, written as 9 images of 1 x 64.
        WriteReshaped(Golden(1, "vae-bb-elbo-n1-b3.mcb"), P("flat.mcb"), 1, 64);
        CliResult r = Run("decompress", P("flat.mcb"), "-o", P("out.idx"), "--model", TinyCheckpoint);
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        Assert.That(File.ReadAllBytes(P("out.idx")), Is.EqualTo(Idx(File.ReadAllBytes(Golden(1, "vae-bb-elbo-n1-b3.input")), 1, 64)));
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1), r.ToString());
        Assert.That(r.ErrorLines[0], Does.StartWith("mcbits: warning: ").And.Contain("1x64"));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void ToyMessageOfEitherVersionDecodesWithoutWarning(int version)
    {
        RunOk("decompress", Golden(version, "hmm-bb-smc-n8-b1.mcb"), "-o", P("out.bin"));
        Assert.That(File.ReadAllBytes(P("out.bin")), Is.EqualTo(File.ReadAllBytes(Golden(1, "hmm-bb-smc-n8-b1.input"))));
    }

    [TestCase(0)]
    [TestCase(Engine.Ans.Messages.McbMessage.CurrentVersion + 1)]
    [TestCase(127)]
    public void UnknownVersionIsExit11(int version)
    {
        byte[] bytes = File.ReadAllBytes(Golden(2, "hmm-bb-smc-n8-b1.mcb"));
        bytes[8] = (byte)version; // a positive fixint: the version field, after the array header and the magic
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(bytes.Length - 8), DataChecksum.Compute(bytes.AsSpan(0, bytes.Length - 9)));
        File.WriteAllBytes(P("future.mcb"), bytes);
        CliResult r = Run("decompress", P("future.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 10 + (int)McbErrorKind.UnsupportedVersion, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain($"version {version}"));
    }

    /// <summary>Writes <paramref name="source"/> to <paramref name="target"/> with rows and cols replaced and a fresh frame checksum.</summary>
    private static void WriteReshaped(string source, string target, int rows, int cols)
    {
        McbMessage m = McbMessageFile.Read(source);
        var parameters = new Dictionary<string, string>(m.CoderParameters) { ["rows"] = $"{rows}", ["cols"] = $"{cols}" };
        File.WriteAllBytes(target, McbMessageFile.ToBytes(new McbMessage
        {
            FormatVersion = m.FormatVersion, Coder = m.Coder, CoderParameters = parameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
            Backend = m.Backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = m.Tails,
            DataChecksum = m.DataChecksum, Extra = m.Extra,
        }));
    }

    /// <summary>The IDX file decompress writes for 0/1 <paramref name="bits"/> as images of rows x cols (0 / 255 bytes).</summary>
    private static byte[] Idx(byte[] bits, int rows, int cols)
    {
        var bytes = new byte[16 + bits.Length];
        bytes[2] = 0x08;
        bytes[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), bits.Length / (rows * cols));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (int i = 0; i < bits.Length; i++) bytes[16 + i] = bits[i] != 0 ? (byte)255 : (byte)0;
        return bytes;
    }
}
