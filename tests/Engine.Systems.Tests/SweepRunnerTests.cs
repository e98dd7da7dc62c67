// SweepRunner runs a grid of data sets × coders × N × chains × seeds from C#, skipping (and naming) the cells that
// cannot run, with the model's exact bounds beside every rate and one CSV schema for what it measured.
using Engine.Modeling;
using Engine.Systems.Tests.UserModels;

namespace Engine.Systems.Tests;

public class SweepRunnerTests
{
    [Test]
    public void RunsEveryValidCellOfEveryDataSetAndNamesTheSkippedOnes()
    {
        var hmm = TestModels.Hmm;
        var weather = WeatherHmm.Build();
        var grid = new SweepGrid
        {
            Name = "test",
            Data = [new SweepData("toy-hmm", hmm, hmm.Sample(6, 1), "sequence", "1", "1"), new SweepData("weather", weather, weather.Sample(5, 2), "sequence")],
            Coders = [CoderVariant.Parse("bb-elbo"), CoderVariant.Parse("bb-smc-adaptive"), CoderVariant.Parse("bb-ais")],
            Particles = [2, 8],
            Chains = [1, 3],
            Seeds = [1, 2],
        };
        var seen = new List<SweepCell>();
        SweepResult r = SweepRunner.Run(grid, finished: (cell, _, _) => seen.Add(cell));
        // Per data set: BB-ELBO once per chain count (N = 1), BB-SMC-adaptive for both N and chain counts, BB-AIS skipped (a sequence model).
        (string, int, int)[] perModel = [("BB-ELBO", 1, 1), ("BB-ELBO", 1, 3), ("BB-SMC-adaptive", 2, 1), ("BB-SMC-adaptive", 2, 3), ("BB-SMC-adaptive", 8, 1), ("BB-SMC-adaptive", 8, 3)];
        Assert.That(r.Cells.Select(c => (c.Model, c.Coder, c.Particles, c.Chains)),
            Is.EqualTo(perModel.Select(p => ("toy-hmm", p.Item1, p.Item2, p.Item3)).Concat(perModel.Select(p => ("weather", p.Item1, p.Item2, p.Item3)))));
        Assert.That(seen, Is.EqualTo(r.Cells));
        Assert.That(r.Records, Has.Count.EqualTo(2 * r.Cells.Count), "one run per seed");
        Assert.That(r.Skipped, Has.Count.EqualTo(8).And.All.Contains("BB-AIS"));
        Assert.That(r.AllRoundTrips && r.Records.All(x => x.RoundTrip == true), Is.True);
        Assert.That(r.Cells.All(c => c.Seeds == 2 && !double.IsNaN(c.NetBitsStd) && c.FileBytes > 0 && c.InitialBitsOneUnit > 0), Is.True);
        foreach (SweepCell c in r.Cells)
        {
            // The coder's own bound: exact -ELBO for BB-ELBO, a clean-bits Monte Carlo estimate for BB-SMC (between -log2 p(x)
            // and -ELBO), and the net within a few of its standard errors plus the net's own spread above it.
            if (c.Coder == "BB-ELBO")
                Assert.That((c.CoderBoundBitsPerUnit, c.CoderBoundStandardError), Is.EqualTo((c.NegElboBitsPerUnit, 0.0)));
            else
            {
                Assert.That(c.CoderBoundStandardError, Is.GreaterThan(0));
                Assert.That(c.CoderBoundBitsPerUnit, Is.InRange(c.NegLogLikelihoodBitsPerUnit - 4 * c.CoderBoundStandardError, c.NegElboBitsPerUnit));
            }
            Assert.That(c.ExcessBitsPerUnit, Is.EqualTo(c.NetBitsPerUnit - c.CoderBoundBitsPerUnit));
            Assert.That(c.NegLogLikelihoodBitsPerUnit, Is.GreaterThan(0).And.LessThanOrEqualTo(c.NegElboBitsPerUnit), "-log2 p(x) <= -ELBO");
            Assert.That(c.NetBitsPerUnit, Is.EqualTo(c.NegLogLikelihoodBitsPerUnit).Within(25).Percent, $"{c.Model} {c.Coder} N={c.Particles}");
        }
        foreach (SweepCell c in r.Cells)
        {
            Assert.That(c.ExcessStandardError, Is.GreaterThan(0), "the net's own spread counts even against an exact bound");
            Assert.That(c.Passes(double.NaN), Is.Null);
            Assert.That(c.Passes(1000), Is.True);
            Assert.That(c.Passes(-1000), Is.False);
        }
        Assert.That(SweepCsv.FormatCells(r.Cells, 1000).Split('\n')[1], Does.EndWith(",yes"));
        string runs = SweepCsv.FormatRuns(r.Records), cells = SweepCsv.FormatCells(r.Cells);
        Assert.That(runs.Split('\n')[0], Is.EqualTo(SweepCsv.RunsHeader));
        Assert.That(cells.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1 + r.Cells.Count));
        Assert.That(cells.Split('\n')[1], Does.StartWith("test,toy-hmm,1,1,all,BB-ELBO,1,1,sequence,10,2,"));
    }

    [Test]
    public void ATextFieldWithACommaIsQuoted() =>
        Assert.That(SweepCsv.Text("a,\"b\""), Is.EqualTo("\"a,\"\"b\"\"\""));
}
