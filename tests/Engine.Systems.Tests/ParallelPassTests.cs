// Passes split over chain ranges (ChainWorkers) change nothing: for every coder, encoding with the chains
// spread over three threads writes exactly the heads and tails of a one-thread run, with the same rANS
// operation counts per system, and either decodes the other's message. Uneven ranges (100 chains: 34, 34,
// 32) and a final unit step with fewer active lanes (270 units: 70 lanes on the third step) are covered.
// A damaged message still fails with the typed error from inside a worker, and bad thread counts throw.
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;
using Engine.Gpu.Cpu;
using Engine.Models.Toy;
using Engine.Systems.Coding;

namespace Engine.Systems.Tests;

public class ParallelPassTests
{
    private const int Chains = 100;

    [TestCase(CoderKind.BbElbo, "mixture", 1, ResamplingMode.Always)]
    [TestCase(CoderKind.BbIs, "mixture", 8, ResamplingMode.Always)]
    [TestCase(CoderKind.BbCis, "mixture:proposal=informed", 8, ResamplingMode.Always)]
    [TestCase(CoderKind.BbAis, "mixture", 4, ResamplingMode.Always)]
    [TestCase(CoderKind.BbAisBitSwap, "mixture", 4, ResamplingMode.Always)]
    [TestCase(CoderKind.BbSmc, "hmm", 4, ResamplingMode.Always)]
    [TestCase(CoderKind.BbSmc, "hmm", 4, ResamplingMode.Adaptive)]
    [TestCase(CoderKind.BbCsmc, "hmm:proposal=informed", 4, ResamplingMode.Adaptive)]
    public void ThreeThreadsWriteTheOneThreadMessage(CoderKind kind, string model, int n, ResamplingMode resampling)
    {
        ToyModel m = TestModels.Get(model);
        byte[] data = m.Sample(270, 4);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = Chains, Resampling = resampling, Profile = true };
        EncodeResult serial = McBitsCodec.Encode(data, m, options with { Threads = 1 });
        EncodeResult parallel = McBitsCodec.Encode(data, m, options with { Threads = 3 });
        Assert.That(parallel.Message.Heads, Is.EqualTo(serial.Message.Heads));
        Assert.That(parallel.Message.Tails, Is.EqualTo(serial.Message.Tails));
        Assert.That(Counts(parallel.Profiles), Is.EqualTo(Counts(serial.Profiles)), "rANS operations per system");
        Assert.That(McBitsCodec.DecodeDetailed(serial.Message, m, threads: 3).Data, Is.EqualTo(data));
        Assert.That(McBitsCodec.DecodeDetailed(parallel.Message, m, threads: 1).Data, Is.EqualTo(data));
    }

    [Test]
    public void OnlyTheCpuBackendWithEnoughChainsIsSplit()
    {
        using var cpu = new CpuBackend();
        using var direct = new DirectLaneBackend();
        var options = new CoderOptions { Chains = 100, Threads = 3 };
        Assert.That(CoderContext.WorkerCount(options, cpu), Is.EqualTo(3));
        Assert.That(CoderContext.WorkerCount(options with { Chains = 64 }, cpu), Is.EqualTo(2), "32 chains per worker at least");
        Assert.That(CoderContext.WorkerCount(options with { Chains = 63 }, cpu), Is.EqualTo(1));
        Assert.That(CoderContext.WorkerCount(options with { Threads = 1 }, cpu), Is.EqualTo(1));
        Assert.That(CoderContext.WorkerCount(options, direct), Is.EqualTo(1), "a backend other than the CPU twin runs one range");
    }

    [Test]
    public void ADamagedMessageFailsWithTheTypedErrorFromAWorker()
    {
        ToyModel m = TestModels.Hmm;
        byte[] data = m.Sample(200, 5);
        McbMessage good = McBitsCodec.Encode(data, m, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 4, Chains = Chains, Threads = 3 }).Message;
        var emptied = new McbMessage
        {
            Coder = good.Coder, CoderParameters = good.CoderParameters, Model = good.Model, ModelFingerprint = good.ModelFingerprint,
            Backend = good.Backend, SymbolCounts = good.SymbolCounts, Seed = good.Seed, Heads = good.Heads,
            Tails = good.Tails.Select(_ => Array.Empty<uint>()).ToArray(), DataChecksum = good.DataChecksum,
        };
        var e = Assert.Throws<McbFormatException>(() => McBitsCodec.DecodeDetailed(emptied, m, threads: 3));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
    }

    [Test]
    public void BadThreadCountsThrow()
    {
        ToyModel m = TestModels.Mixture;
        byte[] data = m.Sample(4, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.Encode(data, m, new CoderOptions { Threads = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.Encode(data, m, new CoderOptions { Threads = CoderOptions.MaxThreads + 1 }));
        McbMessage message = McBitsCodec.Encode(data, m, new CoderOptions()).Message;
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.DecodeDetailed(message, m, threads: -2));
    }

    private static string[] Counts(IReadOnlyList<SystemProfile> profiles) =>
        profiles.Select(p => $"{p.Group}/{p.Name}: push {Get(p, "rans.push")} pop {Get(p, "rans.pop")}").ToArray();

    private static long Get(SystemProfile p, string counter) => p.Counters.TryGetValue(counter, out long v) ? v : 0;
}
