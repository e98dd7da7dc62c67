// `mcbits train vae` through the command tree: a tiny run on synthetic IDX data writes a checkpoint that
// compress accepts, logs one line per epoch and the held-out scores on both sides of the class split, and is
// reproducible (same seed, same fingerprint); bad options and missing data are one error line each.
using System.Text.RegularExpressions;

namespace Engine.Cli.Tests.Vae;

internal sealed class TrainCommandTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    [Test]
    public void TrainReportsEpochsScoresAndTheCheckpoint()
    {
        string output = Fashion.TrainOutput;
        Assert.That(output, Does.Contain("training VAE 784-16-16-4 on classes 0-4 (threshold binarisation)"));
        Assert.That(Regex.Matches(output, @"^epoch \d/3 ", RegexOptions.Multiline), Has.Count.EqualTo(3), output);
        Assert.That(output, Does.Contain($"wrote {Fashion.ModelA}  fingerprint "));
        Assert.That(output, Does.Match(@"test classes 0-4 \(20 images\): -ELBO \d+\.\d{4} bits/dim, -IWAE\(5\) \d+\.\d{4} bits/dim; other classes \(20 images\)"));
        Assert.That(File.Exists(Fashion.ModelA), Is.True);
    }

    [Test]
    public void SameSeedSameFingerprint()
    {
        CliResult r = RunOk(Fashion.TrainArgs(P("again.ckpt"), seed: 1));
        string Fingerprint(string text) => Regex.Match(text, "fingerprint ([0-9a-f]{64})").Groups[1].Value;
        Assert.That(Fingerprint(r.Out), Is.Not.Empty.And.EqualTo(Fingerprint(Fashion.TrainOutput)));
    }

    [Test]
    public void MissingDataIsOneLineWithTheInstallHint()
    {
        CliResult r = Run("train", "vae", "--data", P("no-data"), "--epochs", "1", "--out", P("x.ckpt"));
        AssertCleanFailure(r, 2, P("x.ckpt"));
        Assert.That(r.ErrorLines[0], Does.Contain("apt-get install dataset-fashion-mnist"));
    }

    [TestCase("--k", "0")]
    [TestCase("--epochs", "-1")]
    [TestCase("--batch", "0")]
    [TestCase("--hidden", "0")]
    [TestCase("--latents", "-3")]
    [TestCase("--eval-k", "0")]
    [TestCase("--train-limit", "0")]
    [TestCase("--lr", "0")]
    [TestCase("--classes", "7-2")]
    public void BadOptionsAreUsageErrorsNamingTheOption(string option, string value)
    {
        CliResult r = Run("train", "vae", "--data", Fashion.DataDirectory, option, value, "--out", P("x.ckpt"));
        AssertCleanFailure(r, 1, P("x.ckpt"));
        Assert.That(r.ErrorLines[0], Does.Contain(option));
    }

    [Test]
    public void MalformedTrainingDataFails()
    {
        // The four files are present but the training images are an empty file: one line, exit 2, no checkpoint.
        string empty = Path.Combine(Dir, "empty");
        Directory.CreateDirectory(empty);
        foreach (string f in Directory.GetFiles(Fashion.DataDirectory)) File.Copy(f, Path.Combine(empty, Path.GetFileName(f)));
        File.WriteAllBytes(Path.Combine(empty, "train-images-idx3-ubyte.gz"), []);
        CliResult r = Run("train", "vae", "--data", empty, "--epochs", "1", "--out", P("x.ckpt"));
        AssertCleanFailure(r, 2, P("x.ckpt"));
    }
}
