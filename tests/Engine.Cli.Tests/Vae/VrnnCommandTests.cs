// `mcbits train vrnn` through the command tree on TinyFashion's synthetic 28x28 images (28 steps of 28 pixels): a tiny run
// logs its epochs and the held-out -ELBO / -IWAE(N) / -FIVO(N) on both sides of the class split, writes a checkpoint that
// loads with the fingerprint it printed and records the objective, and is reproducible; bad options are one usage line each
// and missing data one error line.
using System.Text.RegularExpressions;
using Engine.Models.Neural.Vrnn;

namespace Engine.Cli.Tests.Vae;

internal sealed class VrnnCommandTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    private string[] TrainArgs(string output, string objective = "fivo", string seed = "1") =>
        ["train", "vrnn", "--data", Fashion.DataDirectory, "--objective", objective, "-N", "2", "--hidden", "8", "--features", "8", "--latents", "2",
         "--epochs", "2", "--batch", "50", "--train-limit", "100", "--eval-limit", "10", "--eval-n", "3", "--lr", "0.003", "--seed", seed, "--out", output];

    private static string Fingerprint(string text) => Regex.Match(text, "fingerprint ([0-9a-f]{64})").Groups[1].Value;

    [Test]
    public void TrainReportsEpochsBoundsAndALoadableCheckpoint()
    {
        CliResult r = RunOk(TrainArgs(P("v.ckpt")));
        Assert.That(r.Out, Does.Contain("training VRNN 28-8-8-2 on classes 0-4 (threshold binarisation): FIVO(2), 2 epochs, batch 50"));
        Assert.That(Regex.Matches(r.Out, @"^epoch \d/2 step 2/2  train -FIVO\(2\) \d+\.\d{4} bits/dim", RegexOptions.Multiline), Has.Count.EqualTo(2), r.Out);
        Assert.That(r.Out, Does.Match(@"test classes 0-4 \(10 images\): -ELBO \d+\.\d{4}, -IWAE\(3\) \d+\.\d{4}, -FIVO\(3\) \d+\.\d{4} bits/dim; other classes \(10 images\)"));
        var (network, header) = VrnnCheckpoint.Load(P("v.ckpt"));
        using (network)
        {
            Assert.That(header.Fingerprint, Is.EqualTo(Fingerprint(r.Out)));
            Assert.That(header.Training!.Objective, Is.EqualTo(VrnnObjectiveKind.Fivo));
            Assert.That(header.Training.Particles, Is.EqualTo(2));
            Assert.That(header.TestScore!.Particles, Is.EqualTo(3));
        }
        Assert.That(Fingerprint(RunOk(TrainArgs(P("again.ckpt"))).Out), Is.EqualTo(Fingerprint(r.Out)), "same seed, same model");
    }

    [TestCase("elbo", "ELBO")]
    [TestCase("iwae", "IWAE")]
    public void TheOtherObjectivesTrainToo(string objective, string shown)
    {
        CliResult r = RunOk(TrainArgs(P("o.ckpt"), objective));
        Assert.That(r.Out, Does.Contain($": {shown}(2), 2 epochs"));
        Assert.That(VrnnCheckpoint.Check(P("o.ckpt")).Training!.Objective.ToString(), Is.EqualTo(objective).IgnoreCase);
    }

    [TestCase("-N", "0", "--particles")]
    [TestCase("--epochs", "-1", "--epochs")]
    [TestCase("--hidden", "0", "--hidden")]
    [TestCase("--features", "0", "--features")]
    [TestCase("--latents", "0", "--latents")]
    [TestCase("--latents", "300", "latents")]
    [TestCase("--eval-n", "0", "--eval-n")]
    [TestCase("--objective", "vae", "--objective")]
    public void BadOptionsAreUsageErrorsNamingTheOption(string option, string value, string named)
    {
        CliResult r = Run("train", "vrnn", "--data", Fashion.DataDirectory, option, value, "--out", P("x.ckpt"));
        AssertCleanFailure(r, 1, P("x.ckpt"));
        Assert.That(r.ErrorLines[0], Does.Contain(named));
    }

    [Test]
    public void MissingDataIsOneLine()
    {
        CliResult r = Run("train", "vrnn", "--data", P("no-data"), "--epochs", "1", "--out", P("x.ckpt"));
        AssertCleanFailure(r, 2, P("x.ckpt"));
    }
}
