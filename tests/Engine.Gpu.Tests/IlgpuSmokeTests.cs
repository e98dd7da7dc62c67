// IlgpuSmokeTests: the ILGPU CPU accelerator starts and the push kernel runs, before the twin suites.
using Engine.Ans;
using Engine.Gpu.Ilgpu;

namespace Engine.Gpu.Tests;

public sealed class IlgpuSmokeTests
{
    [Test]
    public void IlgpuCpuPushMatchesRansLanes()
    {
        using IlgpuBackend backend = IlgpuBackend.CreateCpu();
        Assert.That(backend.Name, Is.EqualTo("ilgpu-cpu"));
        (RansLanes a, RansLanes b) = TestData.Pair(9, 7, 3, 1);
        uint[] s = [0, 1, 2, 3, 4, 5, 6, 7, 8], f = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        for (int round = 0; round < 8; round++)
        {
            a.Push(s, f, 5);
            backend.Push(b, 0, s, f, 5);
        }
        TestData.AssertSame(a, b);
    }
}
