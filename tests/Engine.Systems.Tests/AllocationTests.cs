// Steady-state coding allocates nothing per symbol: all buffers are preallocated per run, so a run of
// 1100 units allocates only what its longer message needs (tails growing by doubling, the final
// snapshot) beyond a run of 100 units. The lane work goes through DirectLaneBackend (the coder passes
// alone) and through the real CpuBackend (passes + backend calls: one call per slot and pass, so a
// per-call allocation there is an allocation per symbol).
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
    public void NoAllocationPerUnit(CoderKind kind, string model, int n, string lanes)
    {
        ToyModel m = TestModels.Get(model);
        using IRansBackend backend = lanes == "cpu" ? new CpuBackend() : new DirectLaneBackend();
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = 3, Resampling = ResamplingMode.Adaptive, Backend = backend };
        (long enc, long dec, long bytes) Measure(int units)
        {
            byte[] data = m.Sample(units, 9);
            ToyCodec.Decode(ToyCodec.Encode(data, m, options).Message, m, backend); // warm-up (JIT, statics)
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            EncodeResult r = ToyCodec.Encode(data, m, options);
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            ToyCodec.Decode(r.Message, m, backend);
            long a2 = GC.GetAllocatedBytesForCurrentThread();
            return (a1 - a0, a2 - a1, r.Message.TailWords * 4);
        }
        var small = Measure(100);
        var large = Measure(1100);
        double messageBytesPerUnit = (large.bytes - small.bytes) / 1000.0;
        double encodePerUnit = (large.enc - small.enc) / 1000.0, decodePerUnit = (large.dec - small.dec) / 1000.0;
        TestContext.Out.WriteLine($"{kind} ({lanes}): {encodePerUnit:F1} B/unit encode, {decodePerUnit:F1} B/unit decode, message {messageBytesPerUnit:F1} B/unit");
        // Tails double (<= 2x), the snapshot copies them once more, the data and output arrays: a few times the message.
        Assert.That(encodePerUnit, Is.LessThan(4 * messageBytesPerUnit + 3 * m.SequenceLength + 8));
        Assert.That(decodePerUnit, Is.LessThan(4 * messageBytesPerUnit + 3 * m.SequenceLength + 8));
    }
}
