// Exact round trips of every coder that runs on a VRNN (BB-ELBO, BB-IS, BB-SMC always and adaptive, BB-CIS, BB-CSMC) on the
// tiny network: N = 1, 4, 16, one and several chains, the message file in between; the same bytes from one and two threads
// and from the cpu and ilgpu-cpu backends, and cross-backend decodes.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vrnn;

public class VrnnRoundTripTests
{
    private static CoderOptions Options(CoderKind kind, int n, int chains, ResamplingMode resampling = ResamplingMode.Always, ulong seed = 1) =>
        new() { Kind = kind, Particles = n, Chains = chains, Seed = seed, Resampling = resampling };

    private static IEnumerable<TestCaseData> Coders()
    {
        foreach (int chains in new[] { 1, 3 })
        {
            yield return new TestCaseData(CoderKind.BbElbo, 1, chains, ResamplingMode.Always);
            foreach (int n in new[] { 1, 4, 16 })
            {
                yield return new TestCaseData(CoderKind.BbIs, n, chains, ResamplingMode.Always);
                yield return new TestCaseData(CoderKind.BbCis, n, chains, ResamplingMode.Always);
                yield return new TestCaseData(CoderKind.BbSmc, n, chains, ResamplingMode.Always);
                yield return new TestCaseData(CoderKind.BbSmc, n, chains, ResamplingMode.Adaptive);
                yield return new TestCaseData(CoderKind.BbCsmc, n, chains, ResamplingMode.Always);
                yield return new TestCaseData(CoderKind.BbCsmc, n, chains, ResamplingMode.Adaptive);
            }
        }
    }

    [TestCaseSource(nameof(Coders))]
    public void RoundTripsExactlyThroughTheMessageFile(CoderKind kind, int n, int chains, ResamplingMode resampling)
    {
        BinaryImages sequences = TinyVrnn.Sequences(7);
        EncodeResult enc = VrnnCodec.Encode(sequences, TinyVrnn.Model, Options(kind, n, chains, resampling));
        McbMessage read = McbMessageFile.Read(McbMessageFile.ToBytes(enc.Message));
        DecodeResult dec = VrnnCodec.Decode(read, TinyVrnn.Model);
        Assert.That(dec.Data, Is.EqualTo(sequences.Bits));
        Assert.That(enc.Units, Is.EqualTo(7));
        Assert.That(enc.Account.NetBits, Is.GreaterThan(0));
        Assert.That(VrnnCodec.IsVrnnMessage(read), Is.True);
    }

    [TestCase(CoderKind.BbSmc)]
    [TestCase(CoderKind.BbCsmc)]
    public void ManySeedsRoundTrip(CoderKind kind)
    {
        for (ulong seed = 2; seed < 12; seed++)
        {
            BinaryImages sequences = TinyVrnn.Sequences(3, seed);
            EncodeResult enc = VrnnCodec.Encode(sequences, TinyVrnn.Model, Options(kind, 4, 2, ResamplingMode.Adaptive, seed));
            Assert.That(VrnnCodec.Decode(enc.Message, TinyVrnn.Model).Data, Is.EqualTo(sequences.Bits), $"seed {seed}");
        }
    }

    [TestCase(CoderKind.BbSmc)]
    [TestCase(CoderKind.BbCsmc)]
    public void ManyChainsSplitOverThreadsWriteTheOneThreadBytes(CoderKind kind)
    {
        // 64+ chains split the passes over worker threads, so the session's hooks run per chain range.
        BinaryImages sequences = TinyVrnn.Sequences(140, seed: 4);
        EncodeResult one = VrnnCodec.Encode(sequences, TinyVrnn.Model, Options(kind, 4, 70) with { Threads = 1 });
        EncodeResult two = VrnnCodec.Encode(sequences, TinyVrnn.Model, Options(kind, 4, 70) with { Threads = 2 });
        Assert.That(McbMessageFile.ToBytes(two.Message), Is.EqualTo(McbMessageFile.ToBytes(one.Message)));
        Assert.That(VrnnCodec.Decode(two.Message, TinyVrnn.Model).Data, Is.EqualTo(sequences.Bits));
    }

    [Test]
    public void IlgpuCpuBackendWritesTheCpuBytesAndEachDecodesTheOther()
    {
        BinaryImages sequences = TinyVrnn.Sequences(4);
        using IRansBackend ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);
        foreach (CoderKind kind in new[] { CoderKind.BbSmc, CoderKind.BbCsmc })
        {
            EncodeResult cpu = VrnnCodec.Encode(sequences, TinyVrnn.Model, Options(kind, 4, 2));
            EncodeResult twin = VrnnCodec.Encode(sequences, TinyVrnn.Model, Options(kind, 4, 2) with { Backend = ilgpu });
            Assert.That(twin.Message.Heads, Is.EqualTo(cpu.Message.Heads), kind.ToString());
            Assert.That(twin.Message.Tails, Is.EqualTo(cpu.Message.Tails), kind.ToString());
            Assert.That(VrnnCodec.Decode(cpu.Message, TinyVrnn.Model, ilgpu).Data, Is.EqualTo(sequences.Bits), kind.ToString());
            Assert.That(VrnnCodec.Decode(twin.Message, TinyVrnn.Model).Data, Is.EqualTo(sequences.Bits), kind.ToString());
        }
    }
}
