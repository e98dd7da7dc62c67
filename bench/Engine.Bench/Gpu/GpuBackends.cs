// GpuBackends: which backends the GPU scaling benchmarks measure: always "cpu" (the baseline, in the same
// run) and "cuda" when ILGPU finds a CUDA device. Without one it says so once and the CUDA rows are
// skipped. ILGPU's CPU accelerator is a simulator and is never benchmarked (docs/architecture.md#twins).
using Engine.Gpu;

namespace Engine.Bench.Gpu;

internal static class GpuBackends
{
    private static bool _announced;

    public static IEnumerable<string> Available()
    {
        yield return "cpu";
        if (BackendFactory.IsCudaAvailable)
        {
            yield return "cuda";
        }
        else if (!_announced)
        {
            _announced = true;
            Console.WriteLine("GpuScaling: no CUDA device found - measuring the cpu backend only; run this on a machine with an NVIDIA GPU for the cuda rows.");
        }
    }
}
