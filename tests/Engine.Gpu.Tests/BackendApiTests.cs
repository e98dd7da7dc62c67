// BackendApiTests: backend names and the factory (Auto follows CUDA availability; an explicit cuda
// request without a device fails with BackendUnavailableException), and CdfRows construction rules.
using Engine.Ans.Quantization;

namespace Engine.Gpu.Tests;

public sealed class BackendApiTests
{
    [TestCase("cpu", BackendKind.Cpu)]
    [TestCase(" ILGPU-CPU ", BackendKind.IlgpuCpu)]
    [TestCase("cuda", BackendKind.Cuda)]
    [TestCase("Auto", BackendKind.Auto)]
    public void NamesParse(string text, BackendKind kind)
    {
        Assert.That(BackendKinds.Parse(text), Is.EqualTo(kind));
        Assert.That(BackendKinds.Parse(BackendKinds.ToName(kind)), Is.EqualTo(kind));
    }

    [TestCase("gpu")]
    [TestCase("")]
    [TestCase("cpu,cuda")]
    public void UnknownNamesAreRejectedWithTheValidList(string text)
    {
        var e = Assert.Throws<FormatException>(() => BackendKinds.Parse(text));
        Assert.That(e!.Message, Does.Contain("ilgpu-cpu"));
        Assert.That(BackendKinds.TryParse(text, out _), Is.False);
    }

    [Test]
    public void FactoryCreatesEachAvailableKind()
    {
        using (IRansBackend cpu = BackendFactory.Create(BackendKind.Cpu))
            Assert.That((cpu.Name, cpu.Kind), Is.EqualTo(("cpu", BackendKind.Cpu)));
        using (IRansBackend sim = BackendFactory.Create("ilgpu-cpu"))
            Assert.That((sim.Name, sim.Kind), Is.EqualTo(("ilgpu-cpu", BackendKind.IlgpuCpu)));
        using (IRansBackend auto = BackendFactory.Create(BackendKind.Auto))
            Assert.That(auto.Kind, Is.EqualTo(BackendFactory.IsCudaAvailable ? BackendKind.Cuda : BackendKind.Cpu));
        if (BackendFactory.IsCudaAvailable)
        {
            using IRansBackend cuda = BackendFactory.Create(BackendKind.Cuda);
            Assert.That(cuda.Name, Is.EqualTo("cuda"));
        }
        else
        {
            var e = Assert.Throws<BackendUnavailableException>(() => BackendFactory.Create(BackendKind.Cuda));
            Assert.That(e!.Kind, Is.EqualTo(BackendKind.Cuda));
            Assert.That(e.Message, Does.Contain("cuda"));
        }
    }

    [Test]
    public void CdfRowsValidateAndAgreeAcrossConstructors()
    {
        uint[] freqs = [1, 2, 5, 3, 1, 4];
        CdfRows a = CdfRows.FromFrequencies(freqs, 2, 3, 3);
        CdfRows b = CdfRows.FromStarts([0, 1, 3, 0, 3, 4], 2, 3, 3);
        Assert.That(a.Cdf.ToArray(), Is.EqualTo(new uint[] { 0, 1, 3, 8, 0, 3, 4, 8 }));
        Assert.That(b.Cdf.ToArray(), Is.EqualTo(a.Cdf.ToArray()));
        Assert.That(a.Frequency(1, 2), Is.EqualTo(4u));
        Assert.That(a.FindSymbol(0, 2), Is.EqualTo(1));
        Assert.That(a.FindSymbol(1, 3), Is.EqualTo(1));
        Assert.Throws<ArgumentException>(() => CdfRows.FromFrequencies([1, 0, 7], 1, 3, 3), "zero frequency");
        Assert.Throws<ArgumentException>(() => CdfRows.FromFrequencies([1, 2, 4], 1, 3, 3), "sum is not 2^p");
        Assert.Throws<ArgumentException>(() => CdfRows.FromStarts([0, 3, 3], 1, 3, 3), "repeated start");
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Row(2));
        var table = new CumulativeTable([1u << 31, 1u << 31], 32);
        CdfRows full = CdfRows.FromTable(table);
        Assert.That(full.Frequency(0, 1), Is.EqualTo(1u << 31), "precision 32 keeps the last entry mod 2^32");
        Assert.That(full.FindSymbol(0, uint.MaxValue), Is.EqualTo(1));
    }
}
