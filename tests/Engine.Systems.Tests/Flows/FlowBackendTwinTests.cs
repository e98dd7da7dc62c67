// The rANS backends are twins for the local bits-back coders too (docs/architecture.md#twins): every flow coder (importance
// sampling with 4 particles), on 1 and 3 chains, a CIF and a plain flow, flushed through the ILGPU kernels (ILGPU's CPU
// accelerator, a simulator: correctness only; the CUDA copy runs only where a CUDA device exists) writes a file byte for byte
// the CPU backend's but for the backend's name, and each backend decodes the other's message. A damaged message fails typed
// on the other backend as on the CPU. Backends are created once per fixture: ILGPU kernels compile on first use.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

[TestFixture("ilgpu-cpu")]
[TestFixture("cuda")]
[NonParallelizable]
public class FlowBackendTwinTests(string backendName)
{
    private IRansBackend? _other;

    private static readonly ToyCif Cif = new(3, 2, 1, seed: 4), Plain = new(4, 2, 0, seed: 6);

    [OneTimeSetUp]
    public void CreateBackend()
    {
        if (backendName == "cuda" && !BackendFactory.IsCudaAvailable)
            Assert.Ignore("No CUDA device on this machine: the CUDA twin runs only where one exists.");
        _other = BackendFactory.Create(backendName);
        Assert.That(_other.Name, Is.EqualTo(backendName));
    }

    [OneTimeTearDown]
    public void DisposeBackend() => _other?.Dispose();

    private static FlowOptions Options(FlowCoderKind coder, int chains) =>
        new() { Coder = coder, Chains = chains, Particles = coder.HasParticles() ? 4 : 1, Seed = 9 };

    [Test]
    public void BothBackendsWriteTheSameMessageAndDecodeEachOthers([Values] FlowCoderKind coder, [Values(1, 3)] int chains, [Values] bool plain)
    {
        ToyCif model = plain ? Plain : Cif;
        byte[] data = model.Sample(7, seed: 5);
        FlowOptions options = Options(coder, chains);
        McbMessage cpu = FlowCodec.Encode(data, model, options).Message;
        McbMessage twin = FlowCodec.Encode(data, model, options with { Backend = _other }).Message;
        Assert.That(cpu.Backend, Is.EqualTo("cpu"));
        Assert.That(twin.Backend, Is.EqualTo(_other!.Name));
        Assert.That(twin.Heads, Is.EqualTo(cpu.Heads));
        Assert.That(twin.Tails, Is.EqualTo(cpu.Tails));
        Assert.That(McbMessageFile.ToBytes(Renamed(twin, cpu.Backend)), Is.EqualTo(McbMessageFile.ToBytes(cpu)), "the files differ only in the backend name");
        Assert.That(McbMessageFile.ToBytes(twin), Is.Not.EqualTo(McbMessageFile.ToBytes(cpu)));

        McbMessage cpuRead = McbMessageFile.Read(McbMessageFile.ToBytes(cpu).AsMemory());
        McbMessage twinRead = McbMessageFile.Read(McbMessageFile.ToBytes(twin).AsMemory());
        Assert.That(FlowCodec.Decode(cpuRead, model, _other).Data, Is.EqualTo(data), $"the cpu message on {_other.Name}");
        Assert.That(FlowCodec.Decode(twinRead, model).Data, Is.EqualTo(data), $"the {_other.Name} message on a fresh cpu backend");
        using var cpuBackend = new CpuBackend();
        Assert.That(FlowCodec.Decode(twinRead, model, cpuBackend).Data, Is.EqualTo(data), $"the {_other.Name} message on a given cpu backend");
        Assert.That(FlowCodec.Decode(twinRead, model, _other).Data, Is.EqualTo(data), $"the {_other.Name} message on {_other.Name}");
    }

    [Test]
    public void DamagedMessagesFailTypedOnTheOtherBackend([Values] FlowCoderKind coder)
    {
        byte[] data = Cif.Sample(7, seed: 5);
        McbMessage m = FlowCodec.Encode(data, Cif, Options(coder, 2)).Message;
        McbErrorKind[] damage = [McbErrorKind.Corrupt, McbErrorKind.StateMismatch, McbErrorKind.ChecksumMismatch];

        uint[][] empty = [[], m.Tails[1]];
        Assert.That(KindOn(Copy(m, tails: empty), data), Is.EqualTo(McbErrorKind.Corrupt), "empty tail");
        for (int word = 0; word < m.Tails[1].Length; word += 2)
        {
            uint[][] tails = m.Tails.Select(t => (uint[])t.Clone()).ToArray();
            tails[1][word] ^= 1u << (word % 32);
            Assert.That(KindOn(Copy(m, tails: tails), data), Is.AnyOf(damage), $"tail word {word}");
        }
        ulong[] heads = (ulong[])m.Heads.Clone();
        heads[0] ^= 1UL << 40;
        Assert.That(KindOn(Copy(m, heads: heads), data), Is.AnyOf(damage), "head");
        Assert.That(KindOn(Copy(m, seed: m.Seed + 1), data), Is.EqualTo(McbErrorKind.StateMismatch), "seed");
        Assert.That(KindOn(Copy(m, checksum: ~m.DataChecksum), data), Is.EqualTo(McbErrorKind.ChecksumMismatch), "checksum");
    }

    // The kind decoding on the other backend fails with; any data or any other exception fails the test.
    private McbErrorKind KindOn(McbMessage bad, byte[] data)
    {
        byte[] decoded;
        try
        {
            decoded = FlowCodec.Decode(bad, Cif, _other).Data;
        }
        catch (McbFormatException e)
        {
            return e.Kind;
        }
        Assert.Fail(decoded.AsSpan().SequenceEqual(data) ? "The damaged message decoded to the original data." : "The damaged message decoded to WRONG data.");
        throw new InvalidOperationException();
    }

    private static McbMessage Renamed(McbMessage m, string backend) => Copy(m, backend: backend);

    private static McbMessage Copy(McbMessage m, ulong[]? heads = null, uint[][]? tails = null, ulong? seed = null, ulong? checksum = null,
        string? backend = null) => new()
    {
        FormatVersion = m.FormatVersion,
        Coder = m.Coder,
        CoderParameters = m.CoderParameters,
        Model = m.Model,
        ModelFingerprint = m.ModelFingerprint,
        Backend = backend ?? m.Backend,
        SymbolCounts = m.SymbolCounts,
        Seed = seed ?? m.Seed,
        Heads = heads ?? m.Heads,
        Tails = tails ?? m.Tails,
        DataChecksum = checksum ?? m.DataChecksum,
        Extra = m.Extra,
    };
}
