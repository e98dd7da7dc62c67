// mcbits compress / decompress with a VRNN checkpoint, end to end: TinyFashion's grey 28x28 images go in as sequences of 28
// rows, a .mcb comes out, and decompress — here in this process and, for the issue's determinism check, in a separate
// `dotnet mcbits.dll` process — writes back exactly the threshold binarisation as 0 / 255 bytes, for the SMC family's coders;
// the message records the VRNN grid; a VAE's options that make no sense for a VRNN are refused.
using System.Globalization;
using Engine.Ans.Messages;

namespace Engine.Cli.Tests.Vae;

internal sealed class VrnnRoundTripTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    private static readonly Lazy<string> Checkpoint = new(() =>
    {
        string path = Path.Combine(Fashion.Directory, "vrnn.ckpt");
        CliResult r = Run("train", "vrnn", "--data", Fashion.DataDirectory, "--objective", "fivo", "-N", "2", "--hidden", "8", "--features", "8",
            "--latents", "2", "--epochs", "1", "--batch", "50", "--train-limit", "100", "--eval-limit", "5", "--eval-n", "2", "--seed", "3", "--out", path, "--force");
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        return path;
    });

    [TestCase("bb-elbo", 1, 1)]
    [TestCase("bb-is", 3, 2)]
    [TestCase("bb-smc", 4, 3)]
    [TestCase("bb-smc-adaptive", 4, 2)]
    [TestCase("bb-cis", 3, 1)]
    [TestCase("bb-csmc", 4, 3)]
    public void CompressDecompressGivesTheBinarisedImages(string coder, int n, int chains)
    {
        CliResult c = RunOk("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Checkpoint.Value, "--coder", coder,
            "-N", n.ToString(CultureInfo.InvariantCulture), "-B", chains.ToString(CultureInfo.InvariantCulture));
        Assert.That(c.Out, Does.Contain($"{TinyFashion.ImageCount} sequences of 28 steps x 28"));
        Assert.That(c.Out, Does.Match(@"net \d+\.\d{4} bits/dim, total \d+\.\d{4} bits/dim"));
        McbMessage message = McbMessageFile.Read(P("m.mcb"));
        Assert.That(message.Model, Does.StartWith("vrnn 28-8-8-2 classes=0-4 binarization=Threshold"));
        Assert.That((message.CoderParameters["prior_bits"], message.CoderParameters["latent_precision"], message.CoderParameters["latent_point"]),
            Is.EqualTo(("8", "20", "centroid")));

        CliResult d = RunOk("decompress", P("m.mcb"), "-o", P("back.idx"), "--model", Checkpoint.Value);
        Assert.That(d.Out, Does.Contain("verified model fingerprint"));
        Assert.That(File.ReadAllBytes(P("back.idx")), Is.EqualTo(Fashion.ExpectedIdx(TinyFashion.ImageCount)));
    }

    [TestCase("bb-smc", "4")]
    [TestCase("bb-csmc", "16")]
    public void AnotherProcessDecodesTheMessage(string coder, string n)
    {
        // Encode here, decode in a fresh `dotnet` process: its libtorch, its network build and its passes must give the same tables.
        RunOk("compress", Fashion.Images, "-o", P("x.mcb"), "--model", Checkpoint.Value, "--coder", coder, "-N", n, "-B", "2", "--images", "5");
        ChildResult child = ChildMcbits.Run("decompress", P("x.mcb"), "-o", P("child.idx"), "--model", Checkpoint.Value);
        Assert.That(child.ExitCode, Is.Zero, child.ToString());
        Assert.That(File.ReadAllBytes(P("child.idx")), Is.EqualTo(Fashion.ExpectedIdx(5)));
    }

    [Test]
    public void AnnealedCodersAndAWrongCheckpointAreRefused()
    {
        CliResult r = Run("compress", Fashion.Images, "-o", P("a.mcb"), "--model", Checkpoint.Value, "--coder", "bb-ais", "-N", "4");
        AssertCleanFailure(r, 1, P("a.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("VRNN"));

        RunOk("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Checkpoint.Value, "--coder", "bb-smc", "-N", "2", "--images", "2");
        CliResult wrong = Run("decompress", P("m.mcb"), "-o", P("w.idx"), "--model", Fashion.ModelA);
        Assert.That(wrong.ExitCode, Is.Not.Zero, wrong.ToString());
        Assert.That(File.Exists(P("w.idx")), Is.False);
    }
}
