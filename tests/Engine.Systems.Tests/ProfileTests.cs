// The schedules run on the ECS scheduler: every system is timed and counts its rANS work, decode undoes
// exactly the operations encode did (every encoder pop is a decoder push and vice versa), and the trace
// exports as Chrome trace-event JSON.
using Engine.Ecs.Scheduling;

namespace Engine.Systems.Tests;

public class ProfileTests
{
    private static long Sum(IReadOnlyList<SystemProfile> profiles, string counter) =>
        profiles.Sum(p => p.Counters.TryGetValue(counter, out long v) ? v : 0);

    [TestCase(CoderKind.BbIs, "mixture", 16)]
    [TestCase(CoderKind.BbCis, "mixture:proposal=informed", 16)]
    [TestCase(CoderKind.BbAis, "mixture", 8)]
    [TestCase(CoderKind.BbAisBitSwap, "mixture", 8)]
    [TestCase(CoderKind.BbSmc, "hmm", 8)]
    [TestCase(CoderKind.BbCsmc, "hmm", 8)]
    public void DecodeUndoesEveryEncodeOperation(CoderKind kind, string model, int n)
    {
        var m = TestModels.Get(model);
        byte[] data = m.Sample(20, 1);
        EncodeResult e = McBitsCodec.Encode(data, m, new CoderOptions { Kind = kind, Particles = n, Chains = 3, Profile = true });
        DecodeResult d = McBitsCodec.DecodeDetailed(e.Message, m, profile: true);
        long pushes = Sum(e.Profiles, "rans.push"), pops = Sum(e.Profiles, "rans.pop");
        Assert.That(pushes, Is.GreaterThan(0));
        Assert.That(pops, Is.GreaterThan(0));
        Assert.That(Sum(d.Profiles, "rans.pop"), Is.EqualTo(pushes));
        Assert.That(Sum(d.Profiles, "rans.push"), Is.EqualTo(pops));
        // Seven units per chain at most: every system ran once per unit step.
        Assert.That(e.Profiles.Select(p => p.Calls).Distinct(), Is.EqualTo(new[] { 7L }));
        Assert.That(e.ProfileTable, Does.Contain("rans.push"));
    }

    [Test]
    public void ImportanceSamplingDoesExactlyTheOperationsOfItsDefinition()
    {
        // Per symbol: pop N particles and j; push N - 1 particles, j (uniform), x and z.
        var m = TestModels.Mixture;
        EncodeResult e = McBitsCodec.Encode(m.Sample(50, 2), m, new CoderOptions { Kind = CoderKind.BbIs, Particles = 16, Chains = 4, Profile = true });
        Assert.That(Sum(e.Profiles, "rans.pop"), Is.EqualTo(50 * 17));
        Assert.That(Sum(e.Profiles, "rans.push"), Is.EqualTo(50 * 18));
        SystemProfile propagate = e.Profiles.First(p => p.Name == "Propagate");
        Assert.That(propagate.Group, Is.EqualTo("forward[0]"));
        Assert.That(propagate.Counters["rans.pop"], Is.EqualTo(50 * 16));
        Assert.That(propagate.Entities, Is.GreaterThanOrEqualTo(50 * 16));
    }

    [Test]
    public void TheTraceIsChromeTraceJson()
    {
        var m = TestModels.Hmm;
        EncodeResult e = McBitsCodec.Encode(m.Sample(3, 3), m, new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 4, Trace = true });
        Assert.That(e.Trace, Is.Not.Empty);
        string path = Path.Combine(Path.GetTempPath(), $"mcbits-trace-{Guid.NewGuid():N}.json");
        try
        {
            e.WriteChromeTrace(path);
            string json = File.ReadAllText(path);
            Assert.That(json, Does.Contain("traceEvents").And.Contain("CoupledInverseCdf").And.Contain("SystematicResample"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void WithoutProfilingNothingIsRecorded()
    {
        EncodeResult e = McBitsCodec.Encode(TestModels.Mixture.Sample(5, 4), TestModels.Mixture, new CoderOptions { Kind = CoderKind.BbIs, Particles = 2 });
        Assert.That(e.Profiles, Is.Empty);
        Assert.That(e.Trace, Is.Empty);
    }

    [Test]
    public void ASplitPassGivesEachWorkerItsOwnTrack()
    {
        var m = Engine.Models.Toy.ToyModel.FromDescription("hmm:seed=1");
        EncodeResult e = McBitsCodec.Encode(m.Sample(128, 3), m, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 4, Chains = 64, Threads = 2, Trace = true });
        var ranges = e.Trace.Where(t => t.Category == "range").ToArray();
        Assert.That(ranges, Is.Not.Empty, "split passes record their chain ranges");
        Assert.That(ranges.Select(t => t.ThreadId).Distinct().Count(), Is.EqualTo(2), "one track per worker");
        Assert.That(ranges.Select(t => t.ThreadName), Does.Contain("mcbits chains 1"));
        Assert.That(ranges.Select(t => t.Name), Does.Contain("Propagate chains 0-32").And.Contain("Propagate chains 32-64"));
        string json = Engine.Ecs.Scheduling.ChromeTraceWriter.ToJson(e.Trace);
        Assert.That(json, Does.Contain("\"thread_name\"").And.Contain("mcbits chains 1"));
        EncodeResult plain = McBitsCodec.Encode(m.Sample(128, 3), m, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 4, Chains = 64, Threads = 1, Trace = true });
        Assert.That(plain.Trace.Where(t => t.Category == "range"), Is.Empty, "an unsplit pass is its system's span alone");
    }
}
