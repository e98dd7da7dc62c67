// Steady-state coding allocates nothing per symbol: all buffers are preallocated per run, so a run of
// 1100 units allocates only what its longer message needs (tails growing by doubling, the final
// snapshot) beyond a run of 100 units. The lane work goes through DirectLaneBackend (the coder passes
// alone) and through the real CpuBackend (passes + backend calls: one call per slot and pass, so a
// per-call allocation there is an allocation per symbol), also with the passes split over two threads
// (64 chains). Allocations are counted process-wide, so the worker threads' share is included.
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class AllocationTests
{
    [TestCase(CoderKind.BbIs, "mixture", 16, "direct")]
    [TestCase(CoderKind.BbCis, "mixture", 16, "direct")]
    [TestCase(CoderKind.BbAisBitSwap, "mixture", 8, "direct")]
    [TestCase(CoderKind.BbSmc, "hmm", 16, "direct")]
    [TestCase(CoderKind.BbCsmc, "hmm", 16, "direct")]
    [TestCase(CoderKind.BbIs, "mixture", 16, "cpu")]
    [TestCase(CoderKind.BbCis, "mixture", 16, "cpu")]
    [TestCase(CoderKind.BbAis, "mixture", 8, "cpu")]
    [TestCase(CoderKind.BbSmc, "hmm", 16, "cpu")]
    [TestCase(CoderKind.BbCsmc, "hmm", 16, "cpu")]
    [TestCase(CoderKind.BbIs, "mixture", 16, "cpu", 64, 2)]
    [TestCase(CoderKind.BbSmc, "hmm", 16, "cpu", 64, 2)]
    public void NoAllocationPerUnit(CoderKind kind, string model, int n, string lanes, int chains = 3, int threads = 1)
    {
        ToyModel m = TestModels.Get(model);
        using IRansBackend backend = lanes == "cpu" ? new CpuBackend() : new DirectLaneBackend();
        var options = new CoderOptions
        {
            Kind = kind, Particles = n, Chains = chains, Threads = threads, Resampling = ResamplingMode.Adaptive, Backend = backend,
        };
        // One thread: this thread's exact count. Several: the process-wide count (the workers allocate on their
        // own threads), which also sees the test host's background threads; their noise only ever adds, so the
        // smallest of three runs is kept.
        long Allocated() => threads > 1 ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();
        (long enc, long dec, long bytes) Measure(int units)
        {
            byte[] data = m.Sample(units, 9);
            McBitsCodec.DecodeDetailed(McBitsCodec.Encode(data, m, options).Message, m, backend: backend, threads: threads); // warm-up (JIT, statics)
            (long enc, long dec, long bytes) best = (long.MaxValue, long.MaxValue, 0);
            for (int rep = 0; rep < (threads > 1 ? 3 : 1); rep++)
            {
                long a0 = Allocated();
                EncodeResult r = McBitsCodec.Encode(data, m, options);
                long a1 = Allocated();
                McBitsCodec.DecodeDetailed(r.Message, m, backend: backend, threads: threads);
                long a2 = Allocated();
                best = (Math.Min(best.enc, a1 - a0), Math.Min(best.dec, a2 - a1), r.Message.TailWords * 4);
            }
            return best;
        }
        var small = Measure(100);
        var large = Measure(1100);
        double messageBytesPerUnit = (large.bytes - small.bytes) / 1000.0;
        double encodePerUnit = (large.enc - small.enc) / 1000.0, decodePerUnit = (large.dec - small.dec) / 1000.0;
        TestContext.Out.WriteLine($"{kind} ({lanes}, {chains} chains, {threads} threads): {encodePerUnit:F1} B/unit encode, {decodePerUnit:F1} B/unit decode, message {messageBytesPerUnit:F1} B/unit");
        // Tails double (<= 2x), the snapshot copies them once more, the data and output arrays: a few times the message.
        Assert.That(encodePerUnit, Is.LessThan(4 * messageBytesPerUnit + 3 * m.SequenceLength + 8));
        Assert.That(decodePerUnit, Is.LessThan(4 * messageBytesPerUnit + 3 * m.SequenceLength + 8));
    }
}
