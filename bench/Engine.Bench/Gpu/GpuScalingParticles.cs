// GpuScalingParticles: symbols/s of BB-IS and BB-CIS backend work against N (1 ... 256) at 16,384 chains,
// on the cpu backend and (when present) CUDA in the same run.
using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Gpu;

[Config(typeof(GpuScalingConfig))]
public class GpuScalingParticles
{
    private McStepWorkload _work = null!;

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "cpu";

    [Params(16384)]
    public int Chains { get; set; }

    [Params(1, 4, 16, 64, 256)]
    public int Particles { get; set; }

    public static IEnumerable<string> Backends() => GpuBackends.Available();

    [GlobalSetup]
    public void Setup()
    {
        _work = new McStepWorkload(Backend, Chains, Particles);
        _work.IsRoundTrip();
        _work.Check();
        _work.CisRoundTrip();
        _work.Check();
    }

    [GlobalCleanup]
    public void Cleanup() => _work.Dispose();

    [Benchmark(Description = "BB-IS")]
    public void BbIs() => _work.IsRoundTrip();

    [Benchmark(Description = "BB-CIS")]
    public void BbCis() => _work.CisRoundTrip();
}
