// The deterministic in-process fuzz pass CI runs (no afl++, no wall-clock budget): for each target a fixed
// seed and a fixed number of mutated variants of its committed seeds and regression inputs (Mutator). Each
// variant must end in the reader's typed error or be accepted, within the target's allocation cap (a
// finding throws out of FuzzTarget.Run) and the hang guard. Also checked: the pass really reaches past the
// first bytes (some variants are refused, and for the message target some resealed variants still decode).
using System.Diagnostics;
using Engine.Fuzz;

namespace Engine.Fuzz.Tests;

public class MutationTests
{
    [TestCase("message", 8000, 2026)]
    [TestCase("idx", 50000, 2027)]
    [TestCase("checkpoint", 10000, 2028)]
    [TestCase("cif-checkpoint", 5000, 2030)]
    [TestCase("vrnn-checkpoint", 5000, 2031)]
    [TestCase("model-json", 20000, 2029)]
    public void MutatedInputsEndInATypedErrorOrAreAccepted(string name, int variants, int seed)
    {
        FuzzTarget target = FuzzFiles.Target(name);
        byte[][] seeds = FuzzFiles.Files("corpus", name).Concat(FuzzFiles.Files("regressions", name)).Select(File.ReadAllBytes).ToArray();
        var rng = new Random(seed);
        int accepted = 0, refused = 0;
        long maxAllocated = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        for (int v = 0; v < variants; v++)
        {
            byte[] input = Mutator.Mutate(seeds[v % seeds.Length], seeds[rng.Next(seeds.Length)], rng);
            FuzzOutcome outcome;
            TimeSpan took;
            try
            {
                (outcome, took) = HangGuard.Run(target, input);
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} variant {v} ({input.Length} bytes: {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 256)))}) is a finding: {e}");
                return;
            }
            if (outcome == FuzzOutcome.Accepted) accepted++;
            else refused++;
            if (took > slowest) slowest = took;
            maxAllocated = Math.Max(maxAllocated, target.LastAllocatedBytes);
        }
        TestContext.Out.WriteLine($"{name}: {variants} variants in {total.Elapsed.TotalSeconds:F1} s: {accepted} accepted, {refused} refused; " +
            $"slowest {slowest.TotalMilliseconds:F0} ms, most allocated {maxAllocated / 1024} KiB (cap {target.MaxAllocatedBytes >> 20} MiB)");
        Assert.That(refused, Is.GreaterThan(variants / 4), "the mutations reach the readers' checks");
        Assert.That(accepted, Is.GreaterThan(0), "some mutations keep a valid input");
    }

    [Test]
    public void ResealingRestoresTheFrameChecksumOfAMutatedMessage()
    {
        byte[] original = File.ReadAllBytes(FuzzFiles.Files("corpus", "message")[0]);
        Assert.That(MessageTarget.Resealed(original), Is.Null, "a valid message needs no reseal");
        byte[] damaged = (byte[])original.Clone();
        damaged[20] ^= 0x01;
        byte[]? resealed = MessageTarget.Resealed(damaged);
        Assert.That(resealed, Is.Not.Null);
        Assert.That(resealed![..^8], Is.EqualTo(damaged[..^8]));
        Assert.That(MessageTarget.Resealed(resealed), Is.Null, "the resealed copy carries the right checksum");
    }
}
