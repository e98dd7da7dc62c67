// SweepRunner runs a grid of coders × N × chains, skipping (and naming) the cells that cannot run.
namespace Engine.Systems.Tests;

public class SweepRunnerTests
{
    [Test]
    public void RunsEveryValidCellAndNamesTheSkippedOnes()
    {
        var model = TestModels.Hmm;
        byte[] data = model.Sample(6, 1);
        var plan = new SweepPlan
        {
            Coders = [CoderKind.BbElbo, CoderKind.BbSmc, CoderKind.BbAis],
            Particles = [2, 8],
            Chains = [1, 3],
            Resampling = ResamplingMode.Adaptive,
        };
        var seen = new List<SweepRow>();
        IReadOnlyList<SweepRow> rows = SweepRunner.Run(data, model, plan, out IReadOnlyList<string> skipped, seen.Add);
        // BB-ELBO once per chain count (N = 1), BB-SMC for both N and chain counts, BB-AIS skipped (HMM).
        Assert.That(rows.Select(r => (r.Coder, r.Particles, r.Chains)), Is.EqualTo(new[]
        {
            (CoderKind.BbElbo, 1, 1), (CoderKind.BbElbo, 1, 3),
            (CoderKind.BbSmc, 2, 1), (CoderKind.BbSmc, 2, 3), (CoderKind.BbSmc, 8, 1), (CoderKind.BbSmc, 8, 3),
        }));
        Assert.That(seen, Is.EqualTo(rows));
        Assert.That(skipped, Has.Count.EqualTo(4).And.All.Contains("BB-AIS"));
        Assert.That(rows.All(r => r.RoundTrip == true), Is.True);
        Assert.That(rows.All(r => r.Units == 6 && r.NetBitsPerUnit > 30 && r.FileBytes > 0), Is.True);
        Assert.That(rows.Where(r => r.Coder == CoderKind.BbSmc).All(r => r.Resampling == ResamplingMode.Adaptive), Is.True);
        Assert.That(rows.Where(r => r.Coder == CoderKind.BbElbo).All(r => r.Resampling == ResamplingMode.Never), Is.True);
    }
}
