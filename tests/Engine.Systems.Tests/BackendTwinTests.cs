// The backends are twins (docs/architecture.md#twins). Every coder, flushed through the ILGPU kernels (on ILGPU's CPU
// accelerator, a simulator: correctness only) writes exactly the heads and tails the CPU backend writes,
// and each backend decodes the other's message.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

[NonParallelizable]
public class BackendTwinTests
{
    private IRansBackend? _ilgpu;

    [OneTimeSetUp]
    public void CreateBackend() => _ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);

    [OneTimeTearDown]
    public void DisposeBackend() => _ilgpu?.Dispose();

    [TestCase(CoderKind.BbElbo, "mixture", 1)]
    [TestCase(CoderKind.BbIs, "mixture", 4)]
    [TestCase(CoderKind.BbCis, "mixture:proposal=informed", 4)]
    [TestCase(CoderKind.BbAis, "mixture", 4)]
    [TestCase(CoderKind.BbAisBitSwap, "mixture", 4)]
    [TestCase(CoderKind.BbSmc, "hmm", 4)]
    [TestCase(CoderKind.BbCsmc, "hmm:proposal=informed", 4)]
    public void IlgpuAndCpuWriteTheSameMessage(CoderKind kind, string model, int n)
    {
        ToyModel m = TestModels.Get(model);
        byte[] data = m.Sample(5, 2);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = 3, Resampling = ResamplingMode.Adaptive };
        McbMessage cpu = McBitsCodec.Encode(data, m, options).Message;
        McbMessage gpu = McBitsCodec.Encode(data, m, options with { Backend = _ilgpu }).Message;
        Assert.That(gpu.Backend, Is.EqualTo(_ilgpu!.Name));
        Assert.That(gpu.Heads, Is.EqualTo(cpu.Heads));
        Assert.That(gpu.Tails, Is.EqualTo(cpu.Tails));
        Assert.That(McBitsCodec.Decode(gpu, m), Is.EqualTo(data));
        Assert.That(McBitsCodec.Decode(cpu, m, _ilgpu), Is.EqualTo(data));
    }
}
