// GpuScalingChains: symbols/s of BB-IS and BB-CIS backend work (N = 16) against the number of chains,
// 1 ... 65,536, on the cpu backend and (when present) CUDA in the same run. One command:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*GpuScaling*'
using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Gpu;

[Config(typeof(GpuScalingConfig))]
public class GpuScalingChains
{
    private McStepWorkload _work = null!;

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "cpu";

    [Params(1, 16, 256, 4096, 16384, 65536)]
    public int Chains { get; set; }

    [Params(16)]
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
