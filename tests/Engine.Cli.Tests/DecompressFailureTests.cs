// decompress on damaged or foreign input: truncated, bit-flipped, empty, foreign and missing files, a
// message for another model and a re-framed message with a tampered rANS state. Each must print exactly
// one "mcbits: error:" line, exit non-zero (10 + McbErrorKind for message errors) and leave no output
// file (nor a temporary one) behind; an existing output file must survive untouched.
using Engine.Ans.Messages;

namespace Engine.Cli.Tests;

internal sealed class DecompressFailureTests : CliHarness
{
    private byte[] _message = [];

    [SetUp]
    public void MakeMessage()
    {
        RunOk("sample", "-m", "toy-mixture", "--symbols", "200", "-o", P("data.bin"));
        RunOk("compress", P("data.bin"), "-m", "toy-mixture", "-o", P("good.mcb"), "-c", "bb-is", "-N", "4", "--chains", "2");
        _message = File.ReadAllBytes(P("good.mcb"));
    }

    [Test]
    public void AnAlteredFileExitsWithTheChecksumCodeInPlainWords()
    {
        byte[] altered = (byte[])_message.Clone();
        altered[altered.Length / 2] ^= 1;
        File.WriteAllBytes(P("altered.mcb"), altered);
        CliResult r = Run("decompress", P("altered.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 10 + (int)McbErrorKind.ChecksumMismatch, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("altered.mcb: checksum mismatch: Frame checksum mismatch"));
        File.WriteAllBytes(P("zeros.mcb"), new byte[64]);
        r = Run("decompress", P("zeros.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 10 + (int)McbErrorKind.BadMagic, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("zeros.mcb: not an mcbits message: ").And.Not.Contain("BadMagic"));
    }

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(0.5)]
    [TestCase(-1)]
    [TestCase(-9)]
    public void TruncatedFileFails(double keep)
    {
        int length = keep >= 1 ? (int)keep : keep > 0 ? (int)(_message.Length * keep) : _message.Length + (int)keep;
        File.WriteAllBytes(P("cut.mcb"), _message[..length]);
        CliResult r = Run("decompress", P("cut.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, null, P("out.bin"));
        Assert.That(r.ExitCode, Is.InRange(10, 16), r.ToString());
        Assert.That(r.ErrorLines[0], Does.Contain("cut.mcb"));
    }

    [Test]
    public void EveryBitFlipPositionFails()
    {
        // One flipped bit per byte position, a different bit each time: the frame checksum or a field check
        // must catch every one of them.
        for (int i = 0; i < _message.Length; i++)
        {
            byte[] flipped = (byte[])_message.Clone();
            flipped[i] ^= (byte)(1 << (i % 8));
            File.WriteAllBytes(P("flip.mcb"), flipped);
            CliResult r = Run("decompress", P("flip.mcb"), "-o", P("out.bin"));
            Assert.That(r.ExitCode, Is.InRange(10, 16), $"byte {i}: {r}");
            AssertCleanFailure(r, r.ExitCode, P("out.bin"));
        }
    }

    [Test]
    public void EmptyFileIsTruncated()
    {
        File.WriteAllBytes(P("empty.mcb"), []);
        CliResult r = Run("decompress", P("empty.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 10 + (int)McbErrorKind.Truncated, P("out.bin"));
    }

    [Test]
    public void ForeignFileHasBadMagic()
    {
        File.WriteAllBytes(P("image.mcb"), [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13]);
        CliResult r = Run("decompress", P("image.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 10 + (int)McbErrorKind.BadMagic, P("out.bin"));
        File.WriteAllText(P("text.mcb"), "hello, world\n");
        AssertCleanFailure(Run("decompress", P("text.mcb"), "-o", P("out.bin")), 10 + (int)McbErrorKind.BadMagic, P("out.bin"));
    }

    [Test]
    public void MissingFileFails()
    {
        CliResult r = Run("decompress", P("nowhere.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 2, P("out.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("nowhere.mcb"));
    }

    [Test]
    public void MessageForAnotherModelFails()
    {
        McbMessage m = McbMessageFile.Read(P("good.mcb"));
        File.WriteAllBytes(P("other.mcb"), McbMessageFile.ToBytes(Copy(m, model: "mixture:seed=2,proposal=uniform,r=12")));
        CliResult r = Run("decompress", P("other.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, 10 + (int)McbErrorKind.ModelMismatch, P("out.bin"));
        File.WriteAllBytes(P("vae.mcb"), McbMessageFile.ToBytes(Copy(m, model: "vae:checkpoint=x")));
        AssertCleanFailure(Run("decompress", P("vae.mcb"), "-o", P("out.bin")), 10 + (int)McbErrorKind.ModelMismatch, P("out.bin"));
    }

    [Test]
    public void TamperedStateWithAValidFrameFails()
    {
        McbMessage m = McbMessageFile.Read(P("good.mcb"));
        ulong[] heads = (ulong[])m.Heads.Clone();
        heads[1] ^= 1UL << 40;
        File.WriteAllBytes(P("state.mcb"), McbMessageFile.ToBytes(Copy(m, heads: heads)));
        CliResult r = Run("decompress", P("state.mcb"), "-o", P("out.bin"));
        AssertCleanFailure(r, null, P("out.bin"));
        Assert.That(r.ExitCode, Is.AnyOf(10 + (int)McbErrorKind.Corrupt, 10 + (int)McbErrorKind.StateMismatch, 10 + (int)McbErrorKind.ChecksumMismatch), r.ToString());

        File.WriteAllBytes(P("sum.mcb"), McbMessageFile.ToBytes(Copy(m, checksum: m.DataChecksum ^ 1)));
        AssertCleanFailure(Run("decompress", P("sum.mcb"), "-o", P("out.bin")), 10 + (int)McbErrorKind.ChecksumMismatch, P("out.bin"));
    }

    [Test]
    public void FailedDecompressLeavesAnExistingOutputUntouched()
    {
        File.WriteAllText(P("keep.bin"), "precious");
        File.WriteAllBytes(P("cut.mcb"), _message[..(_message.Length / 2)]);
        CliResult r = Run("decompress", P("cut.mcb"), "-o", P("keep.bin"), "--force");
        Assert.That(r.ExitCode, Is.InRange(10, 16), r.ToString());
        Assert.That(File.ReadAllText(P("keep.bin")), Is.EqualTo("precious"));
        Assert.That(Directory.GetFiles(Dir, "*.tmp"), Is.Empty);
    }

    private static McbMessage Copy(McbMessage m, string? model = null, ulong[]? heads = null, ulong? checksum = null) => new()
    {
        Coder = m.Coder,
        CoderParameters = m.CoderParameters,
        Model = model ?? m.Model,
        ModelFingerprint = m.ModelFingerprint,
        Backend = m.Backend,
        SymbolCounts = m.SymbolCounts,
        Seed = m.Seed,
        Heads = heads ?? m.Heads,
        Tails = m.Tails,
        DataChecksum = checksum ?? m.DataChecksum,
        Extra = m.Extra,
    };
}
