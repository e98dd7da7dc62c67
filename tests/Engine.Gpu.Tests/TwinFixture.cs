// TwinFixture: base of the twin suites. Each derived fixture runs once per non-reference backend name
// ("ilgpu-cpu" always; "cuda" when a CUDA device exists, otherwise that fixture is ignored with a reason)
// and compares it against the CPU backend. Backends are created once per fixture: ILGPU contexts and
// kernels are slow to build, and each kernel compiles on first use only.
using Engine.Gpu.Cpu;

namespace Engine.Gpu.Tests;

[TestFixture("ilgpu-cpu")]
[TestFixture("cuda")]
public abstract class TwinFixture(string backendName)
{
    protected CpuBackend Cpu { get; private set; } = null!;

    protected IRansBackend Other { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateBackends()
    {
        if (backendName == "cuda" && !BackendFactory.IsCudaAvailable)
            Assert.Ignore("No CUDA device on this machine: the CUDA twin runs only where one exists.");
        Cpu = new CpuBackend();
        Other = BackendFactory.Create(backendName);
        Assert.That(Other.Name, Is.EqualTo(backendName));
    }

    [OneTimeTearDown]
    public void DisposeBackends()
    {
        Cpu?.Dispose();
        Other?.Dispose();
    }

    /// <summary>Both backends: the reference first.</summary>
    protected IEnumerable<IRansBackend> Both()
    {
        yield return Cpu;
        yield return Other;
    }
}
