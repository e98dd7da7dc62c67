// McBitsEncoder / McBitsDecoder: frames appended tick by tick are the messages a whole-buffer encode of the same
// units writes (every coder, toy and user models with state and a latent order, 1 and 5 chains, frames of
// different sizes — a long frame first, so state a longer run left behind would show in the next), a
// stream of frames reads back frame by frame and decodes through one reused decoder; steady-state flushes
// allocate nothing for every table-model coder; cancellation, append errors and decoder checks.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;
using Engine.Modeling.Discrete;
using Engine.Systems.Tests.UserModels;

namespace Engine.Systems.Tests;

public class StreamingCoderTests
{
    private static readonly int[] FrameSizes = [37, 3, 0, 20];

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (CoderKind kind in CoderNames.All)
            foreach (int chains in new[] { 1, 5 })
            {
                int n = kind == CoderKind.BbElbo ? 1 : 8;
                yield return new TestCaseData("mixture", kind, n, chains).SetName($"mixture {CoderNames.ToName(kind)} B={chains}");
                if (!CoderOptionsIsAnnealed(kind))
                {
                    yield return new TestCaseData("hmm", kind, n, chains).SetName($"hmm {CoderNames.ToName(kind)} B={chains}");
                    yield return new TestCaseData("state", kind, n, chains).SetName($"second-order HMM (state) {CoderNames.ToName(kind)} B={chains}");
                    yield return new TestCaseData("order", kind, n, chains).SetName($"layered (latent order) {CoderNames.ToName(kind)} B={chains}");
                }
            }
    }

    private static bool CoderOptionsIsAnnealed(CoderKind kind) => kind is CoderKind.BbAis or CoderKind.BbAisBitSwap;

    private static (ILatentModel Model, Func<int, ulong, byte[]> Sample) Model(string name) => name switch
    {
        "mixture" => (TestModels.Mixture, TestModels.Mixture.Sample),
        "hmm" => (TestModels.Get("hmm:seed=2,proposal=informed"), TestModels.Get("hmm:seed=2,proposal=informed").Sample),
        "state" => new SecondOrderHmm(6) is var s ? (s, (units, seed) => s.Sample(units, (int)seed)) : default,
        _ => new LayeredModel(4) is var l ? (l, (units, seed) => l.Sample(units, (int)seed)) : default,
    };

    [TestCaseSource(nameof(Cases))]
    public void FramesAreTheWholeBufferMessagesAndDecodeThroughOneDecoder(string modelName, CoderKind kind, int n, int chains)
    {
        (ILatentModel model, Func<int, ulong, byte[]> sample) = Model(modelName);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Seed = 11, Resampling = ResamplingMode.Adaptive };
        int unit = model.Shape.SymbolsPerUnit;
        using var encoder = new McBitsEncoder(model, options, frameUnits: 40);
        using var decoder = new McBitsDecoder(model);
        var stream = new MemoryStream();
        var frames = new List<byte[]>();
        for (int f = 0; f < FrameSizes.Length; f++)
        {
            byte[] units = sample(FrameSizes[f], (ulong)(100 + f));
            int half = FrameSizes[f] / 2 * unit;
            encoder.Append(units.AsSpan(0, half)); // two ticks' worth
            encoder.Append(units.AsSpan(half));
            Assert.That(encoder.PendingUnits, Is.EqualTo(FrameSizes[f]));
            byte[] frame = encoder.Flush().ToArray();
            byte[] whole = McbMessageFile.ToBytes(McBitsCodec.Encode(units, model, options).Message);
            Assert.That(frame, Is.EqualTo(whole), $"frame {f} ({FrameSizes[f]} units) is the whole-buffer message");
            Assert.That(decoder.Decode(McbMessageFile.Read(frame)), Is.EqualTo(units), $"frame {f} decodes");
            stream.Write(frame);
            frames.Add(units);
        }
        Assert.That(encoder.Frames, Is.EqualTo(FrameSizes.Length));
        McbMessage[] read = McbMessageFile.ReadFrames(stream.ToArray()).ToArray();
        Assert.That(read, Has.Length.EqualTo(FrameSizes.Length));
        var buffer = new byte[40 * unit];
        for (int f = 0; f < read.Length; f++)
        {
            int units = decoder.Decode(read[f], buffer);
            Assert.That(buffer.AsSpan(0, units * unit).ToArray(), Is.EqualTo(frames[f]), $"frame {f} from the stream");
        }
    }

    [Test]
    public void AnEncoderOnTheIlgpuTwinWritesTheSameFramesButForTheBackendName()
    {
        ILatentModel model = TestModels.Hmm;
        using IRansBackend ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);
        var options = new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 8, Chains = 3 };
        using var cpu = new McBitsEncoder(model, options, 16);
        using var gpu = new McBitsEncoder(model, options with { Backend = ilgpu }, 16);
        for (int f = 0; f < 3; f++)
        {
            byte[] units = TestModels.Hmm.Sample(16 - 5 * f, (ulong)f);
            cpu.Append(units);
            gpu.Append(units);
            McbMessage a = McbMessageFile.Read(cpu.Flush().ToArray()), b = McbMessageFile.Read(gpu.Flush().ToArray());
            Assert.That(b.Backend, Is.EqualTo("ilgpu-cpu"));
            Assert.That(McbMessageFile.ToBytes(TwinRoundTrip.Renamed(b, a.Backend)), Is.EqualTo(McbMessageFile.ToBytes(a)));
            Assert.That(McBitsCodec.Decode(b, model, ilgpu), Is.EqualTo(units));
        }
    }

    [TestCase(CoderKind.BbElbo, "mixture", 1, 1, 1)]
    [TestCase(CoderKind.BbIs, "mixture", 16, 1, 1)]
    [TestCase(CoderKind.BbCis, "mixture", 16, 1, 1)]
    [TestCase(CoderKind.BbAis, "mixture", 8, 1, 1)]
    [TestCase(CoderKind.BbAisBitSwap, "mixture", 8, 1, 1)]
    [TestCase(CoderKind.BbElbo, "hmm", 1, 1, 1)]
    [TestCase(CoderKind.BbIs, "hmm", 16, 1, 1)]
    [TestCase(CoderKind.BbCis, "hmm", 16, 1, 1)]
    [TestCase(CoderKind.BbSmc, "hmm", 16, 1, 1)]
    [TestCase(CoderKind.BbCsmc, "hmm", 16, 1, 1)]
    [TestCase(CoderKind.BbSmc, "hmm", 16, 64, 1)]
    [TestCase(CoderKind.BbCsmc, "hmm", 16, 64, 2)]
    [TestCase(CoderKind.BbIs, "mixture", 16, 64, 2)]
    public void SteadyStateFlushesAllocateNothing(CoderKind kind, string modelName, int n, int chains, int threads)
    {
        DiscreteModel model = modelName == "hmm" ? TestModels.Hmm : TestModels.Mixture;
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Threads = threads, Resampling = ResamplingMode.Adaptive };
        const int units = 256;
        byte[][] ticks = Enumerable.Range(0, 5).Select(s => model.Sample(units, (ulong)s)).ToArray();
        using var encoder = new McBitsEncoder(model, options, units);
        // Warm-up: the same five ticks twice (JIT, tails and the frame buffer growing to the largest of them).
        for (int pass = 0; pass < 2; pass++)
            foreach (byte[] tick in ticks)
            {
                encoder.Append(tick);
                encoder.Flush();
            }
        // One thread: this thread's own count, which nothing else in the process touches (the process-wide count picked up
        // 168-336 B from the runtime's and test host's background threads on a fresh machine). Several threads: the
        // process-wide count, so the workers' allocations count too. It also sees the background threads (168-1,176 B in
        // every pass of five flushes on a loaded machine), so each flush is measured alone and the least of fifteen is kept:
        // noise only ever adds and comes now and then, while an allocation per flush shows in every one.
        long Allocated() => threads == 1 ? GC.GetAllocatedBytesForCurrentThread() : GC.GetTotalAllocatedBytes(precise: true);
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
            for (int t = 0; t < ticks.Length; t++)
            {
                long before = Allocated();
                encoder.Append(ticks[t]);
                encoder.Flush();
                least = Math.Min(least, Allocated() - before);
            }
        TestContext.Out.WriteLine($"{kind} {modelName} N={n} B={chains} threads={threads}: {least} B in the least of 15 flushes of {units} units");
        Assert.That(least, Is.EqualTo(0), "steady-state Append + Flush allocates nothing");
    }

    [Test]
    public void ACancelledFlushKeepsItsUnitsAndTheNextFlushIsRight()
    {
        ILatentModel model = TestModels.Hmm;
        var options = new CoderOptions { Kind = CoderKind.BbSmc, Particles = 8 };
        byte[] units = TestModels.Hmm.Sample(30, 4);
        using var encoder = new McBitsEncoder(model, options, 30);
        encoder.Append(units);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => encoder.Flush(cancelled.Token));
        Assert.That(encoder.PendingUnits, Is.EqualTo(30));
        Assert.That(encoder.Flush().ToArray(), Is.EqualTo(McbMessageFile.ToBytes(McBitsCodec.Encode(units, model, options).Message)));
        using var decoder = new McBitsDecoder(model);
        Assert.Throws<OperationCanceledException>(() => decoder.Decode(McBitsCodec.Encode(units, model, options).Message, cancelled.Token));
    }

    [Test]
    public void AppendRefusesPartialUnitsForeignSymbolsAndOverflowingTheFrame()
    {
        DiscreteModel model = TestModels.Hmm;
        int unit = model.Shape.SymbolsPerUnit;
        using var encoder = new McBitsEncoder(model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 4 }, 2);
        Assert.Throws<ArgumentException>(() => encoder.Append(new byte[unit + 1]));
        byte[] foreign = model.Sample(1, 1);
        foreign[3] = (byte)model.Shape.SymbolCount;
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Append(foreign));
        Assert.That(encoder.PendingUnits, Is.Zero);
        encoder.Append(model.Sample(2, 1));
        var e = Assert.Throws<InvalidOperationException>(() => encoder.Append(model.Sample(1, 2)));
        Assert.That(e!.Message, Does.Contain("Flush first"));
        encoder.Reset();
        Assert.That(encoder.PendingUnits, Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => new McBitsEncoder(model, new CoderOptions(), -1));
    }

    [Test]
    public void ADecoderRebuildsForOtherOptionsAndRefusesOtherModels()
    {
        DiscreteModel hmm = TestModels.Hmm;
        using var decoder = new McBitsDecoder(hmm);
        CoderOptions[] options =
        [
            new() { Kind = CoderKind.BbIs, Particles = 4, Seed = 1 },
            new() { Kind = CoderKind.BbIs, Particles = 4, Seed = 9 },
            new() { Kind = CoderKind.BbCsmc, Particles = 8, Chains = 3, Seed = 2 },
            new() { Kind = CoderKind.BbIs, Particles = 4, Seed = 1 },
        ];
        foreach (CoderOptions o in options)
        {
            byte[] units = hmm.Sample(7, o.Seed);
            Assert.That(decoder.Decode(McBitsCodec.Encode(units, hmm, o).Message), Is.EqualTo(units), $"{o.Kind} seed {o.Seed}");
        }
        McbMessage other = McBitsCodec.Encode(TestModels.Mixture.Sample(3, 1), TestModels.Mixture, options[0]).Message;
        var e = Assert.Throws<McbFormatException>(() => decoder.Decode(other));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
        McbMessage good = McBitsCodec.Encode(hmm.Sample(7, 5), hmm, options[0]).Message;
        good.Tails[0][0] ^= 1;
        Assert.Throws<McbFormatException>(() => decoder.Decode(good));
        Assert.That(decoder.Decode(McBitsCodec.Encode(hmm.Sample(7, 6), hmm, options[0]).Message), Is.EqualTo(hmm.Sample(7, 6)), "still decodes after a failure");
    }

    [Test]
    public void AStreamWhoseLastFrameIsCutReturnsTheWholeFramesThenFailsTyped()
    {
        DiscreteModel model = TestModels.Mixture;
        using var encoder = new McBitsEncoder(model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 4 }, 10);
        var stream = new MemoryStream();
        for (int f = 0; f < 3; f++)
        {
            encoder.Append(model.Sample(10, (ulong)f));
            stream.Write(encoder.Flush().Span);
        }
        byte[] all = stream.ToArray();
        using var frames = McbMessageFile.ReadFrames(all.AsMemory(0, all.Length - 5)).GetEnumerator();
        Assert.That(frames.MoveNext() && frames.MoveNext(), Is.True, "the two whole frames");
        var e = Assert.Throws<McbFormatException>(() => frames.MoveNext());
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.Truncated));
        byte[] flipped = (byte[])all.Clone();
        flipped[^3] ^= 0x10; // inside the last frame's checksum
        Assert.That(() => McbMessageFile.ReadFrames(flipped).ToArray(), Throws.TypeOf<McbFormatException>().With.Property("Kind").EqualTo(McbErrorKind.ChecksumMismatch));
    }
}
