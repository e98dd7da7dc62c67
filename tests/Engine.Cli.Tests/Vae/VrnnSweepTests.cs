// The fashion-vrnn sweep on the tiny stand-in data with two tiny checkpoints (FIVO- and ELBO-trained): runs.csv and sweep.csv in the
// shared schema (preset, model, side, coder, N, chains, unit = image of 784 pixels, the model's bounds), table.md with every
// model's cells beside its float bounds and the BB-CSMC / BB-SMC comparison, a net plot per model and side and an initial-bits
// plot per model, every round trip verified; a coder that cannot run on a VRNN is a usage error.
using System.Globalization;
using Engine.Systems;

namespace Engine.Cli.Tests.Vae;

internal sealed class VrnnSweepTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    private string Train(string objective)
    {
        string path = P($"vrnn-{objective}.ckpt");
        RunOk("train", "vrnn", "--data", Fashion.DataDirectory, "--objective", objective, "-N", "2", "--hidden", "8", "--features", "8", "--latents", "2",
            "--epochs", "1", "--batch", "50", "--train-limit", "100", "--eval-limit", "4", "--eval-n", "2", "--seed", "5", "--out", path);
        return path;
    }

    [Test]
    public void TheVrnnSweepWritesTheTableThePlotsAndTheSharedSchema()
    {
        string fivo = Train("fivo"), elbo = Train("elbo");
        CliResult r = RunOk("sweep", "--preset", "fashion-vrnn", "--vrnn-models", $"{fivo},{elbo}", "--data", Fashion.DataDirectory, "--images", "3",
            "--coders", "bb-elbo,bb-smc,bb-csmc", "--particles", "2", "--chains", "2", "-o", P("vs"));
        string[] runs = File.ReadAllLines(P("vs/runs.csv"));
        Assert.That(runs[0], Is.EqualTo(SweepCsv.RunsHeader));
        Assert.That(File.ReadAllLines(P("vs/sweep.csv"))[0], Is.EqualTo(SweepCsv.CellsHeader));
        string[][] rows = runs.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.That(rows, Has.Length.EqualTo(2 * 2 * 3), "two models x two sides x three cells");
        foreach (string[] f in rows)
        {
            Assert.That(f[0], Is.EqualTo("fashion-vrnn"));
            Assert.That(f[1], Is.AnyOf("vrnn-fivo.ckpt", "vrnn-elbo.ckpt"));
            Assert.That(f[9..12], Is.EqualTo(new[] { "image", "3", "784" }));
            Assert.That(double.Parse(f[12], CultureInfo.InvariantCulture) / 784, Is.InRange(0.01, 2.0));
            Assert.That(f[19], Is.EqualTo("ok"));
        }
        string table = File.ReadAllText(P("vs/table.md"));
        Assert.That(table, Does.Contain("| vrnn-fivo (fivo(2)) | BB-SMC(2) |").And.Contain("| vrnn-elbo (elbo(2)) | model −FIVO(2) |"));
        Assert.That(table, Does.Contain("BB-CSMC against BB-SMC").And.Contain("every message decoded back exactly"));
        foreach (string png in new[] { "net-vrnn-fivo-in.png", "net-vrnn-fivo-out.png", "net-vrnn-elbo-out.png", "initial-vrnn-elbo.png" })
            Assert.That(File.ReadAllBytes(P("vs/" + png)).Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), png);
        Assert.That(r.Out, Does.Contain("wrote 9 files"));
    }

    [Test]
    public void AnAnnealedCoderIsAUsageError()
    {
        CliResult r = Run("sweep", "--preset", "fashion-vrnn", "--vrnn-models", P("none.ckpt"), "--data", Fashion.DataDirectory, "--coders", "bb-ais", "-o", P("x"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.ErrorLines[0], Does.Contain("does not run on a VRNN"));
    }
}
