// sweep on tiny grids: the CSVs hold exactly the expected rows (BB-ELBO once, the -adaptive and SIS
// variants as their own coders, seeds averaged), every PNG is a real PNG, cells a model cannot run are
// reported, and bad grids are usage errors.
using System.Globalization;

namespace Engine.Cli.Tests;

internal sealed class SweepCommandTests : CliHarness
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public void MixtureSweepWritesCsvAndPlots()
    {
        CliResult r = RunOk("sweep", "--preset", "toy-mixture", "--coders", "bb-is,bb-cis", "--particles", "1,2,4", "--symbols", "30", "-o", P("sw"));
        string[] lines = File.ReadAllLines(P("sw/sweep.csv"));
        Assert.That(lines[0], Is.EqualTo("coder,N,chains,net_bits_per_unit,total_bits_per_unit,initial_bits_one_unit,seconds_per_unit,entropy"));
        Assert.That(lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))),
            Is.EqualTo(new[] { "BB-IS,1,1", "BB-IS,2,1", "BB-IS,4,1", "BB-CIS,1,1", "BB-CIS,2,1", "BB-CIS,4,1" }));
        foreach (string line in lines.Skip(1))
        {
            double[] v = line.Split(',').Skip(3).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(v[0], Is.InRange(5.0, 9.0), line);          // net bits per symbol near the entropy (6)
            Assert.That(v[1], Is.GreaterThan(v[0]), line);          // total includes the initial bits
            Assert.That(v[2], Is.InRange(32.0, 2000.0), line);      // initial bits of one symbol
            Assert.That(v[3], Is.GreaterThan(0), line);
            Assert.That(v[4], Is.EqualTo(5.999).Within(0.01), line); // exact entropy of the toy mixture
        }
        foreach (string png in new[] { "net.png", "total.png", "initial.png", "seconds.png" })
        {
            byte[] bytes = File.ReadAllBytes(P("sw/" + png));
            Assert.That(bytes.Length, Is.GreaterThan(1000), png);
            Assert.That(bytes[..8], Is.EqualTo(PngSignature), png);
        }
        string[] runs = File.ReadAllLines(P("sw/runs.csv"));
        Assert.That(runs, Has.Length.EqualTo(7));
        Assert.That(runs.Skip(1).All(l => l.EndsWith(",ok", StringComparison.Ordinal)), Is.True, string.Join('\n', runs));
        Assert.That(r.Out, Does.Contain("BB-CIS").And.Contain("round trip"));
    }

    [Test]
    public void HmmSweepRunsElboOnceAndVariantsAsTheirOwnCoders()
    {
        RunOk("sweep", "--preset", "toy-hmm", "--coders", "bb-elbo,bb-smc,bb-sis,bb-csmc-adaptive", "--particles", "1,2",
            "--sequences", "3", "--no-plots", "-o", P("hmm"));
        string[] keys = File.ReadAllLines(P("hmm/sweep.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))).ToArray();
        Assert.That(keys, Is.EqualTo(new[] { "BB-ELBO,1", "BB-SMC,1", "BB-SMC,2", "BB-SIS,1", "BB-SIS,2", "BB-CSMC-adaptive,1", "BB-CSMC-adaptive,2" }));
        Assert.That(Directory.GetFiles(P("hmm"), "*.png"), Is.Empty);
    }

    [Test]
    public void SeedsAreAveraged()
    {
        RunOk("sweep", "--coders", "bb-is", "--particles", "4", "--symbols", "20", "--seeds", "3", "--chains", "1,2", "--no-plots", "-o", P("s"));
        string[] runs = File.ReadAllLines(P("s/runs.csv")).Skip(1).ToArray();
        Assert.That(runs, Has.Length.EqualTo(6));
        string[] points = File.ReadAllLines(P("s/sweep.csv")).Skip(1).ToArray();
        Assert.That(points, Has.Length.EqualTo(2));
        double mean = runs.Where(l => l.Split(',')[2] == "1").Average(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture));
        Assert.That(double.Parse(points[0].Split(',')[3], CultureInfo.InvariantCulture), Is.EqualTo(mean).Within(1e-5));
    }

    [Test]
    public void CellsTheModelCannotRunAreReported()
    {
        CliResult r = RunOk("sweep", "--coders", "bb-cis,bb-is", "--particles", "2,8192", "--symbols", "10", "--no-plots", "-o", P("k"));
        Assert.That(r.Out, Does.Contain("skipped BB-CIS N=8192"));
        Assert.That(File.ReadAllLines(P("k/sweep.csv")), Has.Length.EqualTo(3));
    }

    [Test]
    public void LastLineNamesEveryFileUnderTheFullDirectory()
    {
        CliResult r = RunOk("sweep", "--coders", "bb-is", "--particles", "2", "--symbols", "10", "-o", P("where"));
        string last = r.Out.TrimEnd().Split('\n')[^1];
        Assert.That(last, Is.EqualTo($"wrote 6 files to {Path.GetFullPath(P("where"))}: sweep.csv, runs.csv, net.png, total.png, initial.png, seconds.png"));
        foreach (string f in last[(last.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", "))
            Assert.That(File.Exists(Path.Combine(P("where"), f)), Is.True, f);
    }

    [TestCase("--preset", "toy-mixture", "--images", "5")]
    [TestCase("--preset", "toy-hmm", "--vae-model", "x.ckpt")]
    [TestCase("--preset", "fashion-vae", "--seeds", "2")]
    [TestCase("--preset", "fashion-vae", "--symbols", "20")]
    [TestCase("--preset", "fashion-vae", "--no-plots")]
    public void OptionsThePresetDoesNotUseAreUsageErrors(params string[] args)
    {
        CliResult r = Run(["sweep", "-o", P("bad"), .. args]);
        AssertCleanFailure(r, 1, null);
        Assert.That(r.ErrorLines[0], Does.Contain("does not apply to --preset " + args[1]));
        Assert.That(Directory.Exists(P("bad")), Is.False, "nothing written");
    }

    [TestCase("--preset", "toy-hmm", "--coders", "bb-ais")]
    [TestCase("--particles", "0")]
    [TestCase("--particles", "two")]
    [TestCase("--coders", "bb-what")]
    [TestCase("--sequences", "5")]
    [TestCase("--symbols", "0")]
    [TestCase("--seeds", "0")]
    public void BadGridsAreUsageErrors(params string[] extra)
    {
        CliResult r = Run(["sweep", "--no-plots", "-o", P("bad"), .. extra]);
        AssertCleanFailure(r, 1, P("bad/sweep.csv"));
    }

    [Test]
    public void ARerunLeavesNoStaleFiguresBehind()
    {
        RunOk("sweep", "--coders", "bb-is", "--particles", "1,2", "--symbols", "20", "-o", P("again"));
        Assert.That(File.Exists(Path.Combine(P("again"), "net.png")), Is.True);
        File.WriteAllText(Path.Combine(P("again"), "notes.txt"), "mine");
        CliResult r = RunOk("sweep", "--coders", "bb-is", "--particles", "1,2", "--symbols", "20", "--no-plots", "-o", P("again"));
        Assert.That(r.Out, Does.Contain("removed 6 file(s) an earlier sweep wrote"));
        Assert.That(Directory.GetFiles(P("again"), "*.png"), Is.Empty, "the first run's figures are gone");
        Assert.That(File.Exists(Path.Combine(P("again"), "sweep.csv")), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(P("again"), "notes.txt")), Is.EqualTo("mine"), "files a sweep does not write are left alone");
    }
}
