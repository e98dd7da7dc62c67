// The VAE paths of compress / decompress on bad use: another checkpoint (exit 16 = 10 + ModelMismatch), no
// --model for a VAE message, a damaged or re-framed tampered message, a missing or foreign checkpoint,
// images of the wrong size, coders and options that do not run on a VAE. Each prints exactly one
// "mcbits: error:" line, exits with its code and leaves no output (nor a temporary file) behind.
using Engine.Ans.Messages;

namespace Engine.Cli.Tests.Vae;

internal sealed class VaeFailureTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    private byte[] Compress(string coder = "bb-is", string n = "3")
    {
        RunOk("compress", Fashion.Images, "-o", P("good.mcb"), "--model", Fashion.ModelA, "--coder", coder, "-N", n, "-B", "2", "--images", "4");
        return File.ReadAllBytes(P("good.mcb"));
    }

    [TestCase("bb-is", "3")]
    [TestCase("bb-cis", "3")]
    [TestCase("bb-elbo", "1")]
    public void AnotherCheckpointIsAModelMismatch(string coder, string n)
    {
        Compress(coder, n);
        CliResult r = Run("decompress", P("good.mcb"), "-o", P("out.idx"), "--model", Fashion.ModelB);
        AssertCleanFailure(r, 10 + (int)McbErrorKind.ModelMismatch, P("out.idx"));
        Assert.That(r.ErrorLines[0], Does.Contain("good.mcb"));
        Assert.That(r.Out, Is.Empty);
    }

    [Test]
    public void VaeMessageWithoutModelSaysToPassOne()
    {
        Compress();
        CliResult r = Run("decompress", P("good.mcb"), "-o", P("out.idx"));
        AssertCleanFailure(r, 1, P("out.idx"));
        Assert.That(r.ErrorLines[0], Does.Contain("--model").And.Contain("VAE"));
    }

    [Test]
    public void DamagedMessageFailsCleanly()
    {
        byte[] good = Compress();
        var damaged = new List<byte[]> { good[..(good.Length / 2)], good[..^1] };
        foreach (int at in new[] { 3, good.Length / 3, good.Length / 2, good.Length - 9 })
        {
            byte[] flipped = (byte[])good.Clone();
            flipped[at] ^= 0x10;
            damaged.Add(flipped);
        }
        foreach (byte[] bytes in damaged)
        {
            File.WriteAllBytes(P("bad.mcb"), bytes);
            CliResult r = Run("decompress", P("bad.mcb"), "-o", P("out.idx"), "--model", Fashion.ModelA);
            AssertCleanFailure(r, null, P("out.idx"));
            Assert.That(r.ExitCode, Is.InRange(10, 16), r.ToString());
        }
    }

    [Test]
    public void TamperedStateInAValidFrameFailsCleanly()
    {
        // A well-framed message (fresh frame checksum) whose rANS tail was altered: only the decode's own
        // checks (initial state, data checksum) can catch it, and no image may be written.
        McbMessage m = McbMessageFile.Read(Compress());
        uint[][] tails = m.Tails.Select(t => (uint[])t.Clone()).ToArray();
        tails[1][tails[1].Length / 2] ^= 0x0100_0000;
        var bad = new McbMessage
        {
            Coder = m.Coder, CoderParameters = m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
            Backend = m.Backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = tails,
            DataChecksum = m.DataChecksum, Extra = m.Extra,
        };
        File.WriteAllBytes(P("tampered.mcb"), McbMessageFile.ToBytes(bad));
        CliResult r = Run("decompress", P("tampered.mcb"), "-o", P("out.idx"), "--model", Fashion.ModelA);
        AssertCleanFailure(r, null, P("out.idx"));
        Assert.That(r.ExitCode, Is.AnyOf(10 + (int)McbErrorKind.Corrupt, 10 + (int)McbErrorKind.StateMismatch, 10 + (int)McbErrorKind.ChecksumMismatch), r.ToString());
    }

    [Test]
    public void ExistingOutputSurvivesAFailedDecode()
    {
        Compress();
        File.WriteAllText(P("out.idx"), "keep me");
        CliResult r = Run("decompress", P("good.mcb"), "-o", P("out.idx"), "--model", Fashion.ModelB, "--force");
        Assert.That(r.ExitCode, Is.EqualTo(10 + (int)McbErrorKind.ModelMismatch), r.ToString());
        Assert.That(File.ReadAllText(P("out.idx")), Is.EqualTo("keep me"));
    }

    [Test]
    public void MissingOrForeignCheckpointFails()
    {
        CliResult r = Run("compress", Fashion.Images, "-o", P("m.mcb"), "--model", P("nowhere.ckpt"));
        AssertCleanFailure(r, 2, P("m.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("nowhere.ckpt").And.Contain("train vae"));
        File.WriteAllText(P("fake.ckpt"), "not a checkpoint");
        r = Run("compress", Fashion.Images, "-o", P("m.mcb"), "--model", P("fake.ckpt"));
        AssertCleanFailure(r, 2, P("m.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("fake.ckpt"));
    }

    [Test]
    public void BadImageFilesFail()
    {
        // 8x8 images (the model wants 28x28), a rank-1 IDX, bytes that are not IDX at all, and no image.
        byte[] small = new byte[16 + 3 * 64];
        small[2] = 8; small[3] = 3; small[7] = 3; small[11] = 8; small[15] = 8;
        File.WriteAllBytes(P("small.idx"), small);
        File.WriteAllBytes(P("labels.idx"), [0, 0, 8, 1, 0, 0, 0, 2, 1, 2]);
        File.WriteAllText(P("text.idx"), "hello");
        File.WriteAllBytes(P("none.idx"), [0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]);
        foreach (string input in new[] { "small.idx", "labels.idx", "text.idx", "none.idx" })
        {
            CliResult r = Run("compress", P(input), "-o", P("m.mcb"), "--model", Fashion.ModelA);
            AssertCleanFailure(r, 2, P("m.mcb"));
            Assert.That(r.ErrorLines[0], Does.Contain(input).And.Not.Contain("(Parameter"));
        }
    }

    [TestCase("bb-smc", "4")]
    [TestCase("bb-ais", "4")]
    [TestCase("bb-elbo", "4")]
    [TestCase("bb-is", "0")]
    public void OptionsThatDoNotRunOnAVaeAreUsageErrors(string coder, string n)
    {
        CliResult r = Run("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Fashion.ModelA, "--coder", coder, "-N", n);
        AssertCleanFailure(r, 1, P("m.mcb"));
    }

    [Test]
    public void ImagesOptionIsCheckedBeforeAnyWork()
    {
        AssertCleanFailure(Run("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Fashion.ModelA, "--images", "0"), 1, P("m.mcb"));
        RunOk("sample", "-o", P("toy.bin"), "--symbols", "20");
        CliResult r = Run("compress", P("toy.bin"), "-o", P("m.mcb"), "-m", "toy-mixture", "--images", "3");
        AssertCleanFailure(r, 1, P("m.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("--images"));
    }
}
