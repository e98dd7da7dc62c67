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
        Assert.That(lines[0], Is.EqualTo(Engine.Systems.SweepCsv.CellsHeader));
        Assert.That(lines.Skip(1).Select(l => string.Join(',', l.Split(',').Skip(5).Take(3))),
            Is.EqualTo(new[] { "BB-IS,1,1", "BB-IS,2,1", "BB-IS,4,1", "BB-CIS,1,1", "BB-CIS,2,1", "BB-CIS,4,1" }));
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            Assert.That(f[..5], Is.EqualTo(new[] { "toy-mixture", "toy-mixture", "1", "1", "all" }), line); // preset, model, model and data seeds, side
            Assert.That(f[8..11], Is.EqualTo(new[] { "symbol", "1", "1" }), line);                           // unit, symbols per unit, seeds
            double V(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            Assert.That(V(11), Is.InRange(5.0, 9.0), line);           // net bits per symbol near the entropy (6)
            Assert.That(f[12], Is.Empty, line);                        // no std-dev over one seed
            Assert.That(V(13), Is.GreaterThan(V(11)), line);          // total includes the initial bits
            Assert.That(V(15), Is.InRange(32.0, 2000.0), line);       // initial bits of one symbol
            Assert.That(V(16), Is.GreaterThan(0), line);
            Assert.That(f[19], Is.EqualTo("ok"), line);
            Assert.That(V(20), Is.EqualTo(5.999).Within(0.01), line); // exact entropy of the toy mixture
            Assert.That(V(21), Is.GreaterThanOrEqualTo(V(22)), line); // -ELBO >= -log2 p(x)
            Assert.That(V(22), Is.InRange(4.0, 8.0), line);
        }
        foreach (string png in new[] { "net.png", "total.png", "initial.png", "seconds.png" })
        {
            byte[] bytes = File.ReadAllBytes(P("sw/" + png));
            Assert.That(bytes.Length, Is.GreaterThan(1000), png);
            Assert.That(bytes[..8], Is.EqualTo(PngSignature), png);
        }
        string[] runs = File.ReadAllLines(P("sw/runs.csv"));
        Assert.That(runs, Has.Length.EqualTo(7));
        Assert.That(runs[0], Is.EqualTo(Engine.Systems.SweepCsv.RunsHeader));
        Assert.That(runs.Skip(1).All(l => l.Split(',')[19] == "ok"), Is.True, string.Join('\n', runs));
        Assert.That(r.Out, Does.Contain("BB-CIS").And.Contain("round trip"));
    }

    [Test]
    public void HmmSweepRunsElboOnceAndVariantsAsTheirOwnCoders()
    {
        RunOk("sweep", "--preset", "toy-hmm", "--coders", "bb-elbo,bb-smc,bb-sis,bb-csmc-adaptive", "--particles", "1,2",
            "--sequences", "3", "--no-plots", "-o", P("hmm"));
        string[] keys = File.ReadAllLines(P("hmm/sweep.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Skip(5).Take(2))).ToArray();
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
        double[] nets = runs.Where(l => l.Split(',')[7] == "1").Select(l => double.Parse(l.Split(',')[12], CultureInfo.InvariantCulture)).ToArray();
        Assert.That(double.Parse(points[0].Split(',')[11], CultureInfo.InvariantCulture), Is.EqualTo(nets.Average()).Within(1e-5));
        double std = Math.Sqrt(nets.Sum(x => (x - nets.Average()) * (x - nets.Average())) / (nets.Length - 1));
        Assert.That(double.Parse(points[0].Split(',')[12], CultureInfo.InvariantCulture), Is.EqualTo(std).Within(1e-5), "sample std-dev over the 3 seeds");
        Assert.That(points[0].Split(',')[10], Is.EqualTo("3"));
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

    [Test]
    public void ToleranceJudgesEveryCellAgainstItsOwnBound()
    {
        CliResult r = RunOk("sweep", "--coders", "bb-is", "--particles", "4,16", "--symbols", "200", "--tolerance", "1", "--no-plots", "-o", P("tol"));
        Assert.That(r.Out, Does.Contain("2 of 2 cells within 1 bits/symbol"));
        string[] lines = File.ReadAllLines(P("tol/sweep.csv"));
        Assert.That(lines[0], Does.EndWith(",excess_se,within_tolerance"));
        Assert.That(lines.Skip(1).All(l => l.EndsWith(",yes", StringComparison.Ordinal)), Is.True, string.Join('\n', lines));
        CliResult bad = Run("sweep", "--tolerance", "-1", "--no-plots", "-o", P("bad"));
        AssertCleanFailure(bad, 1, P("bad/sweep.csv"));
    }
}
