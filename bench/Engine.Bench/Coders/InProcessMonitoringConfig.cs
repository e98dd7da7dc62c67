// InProcessMonitoringConfig: how the neural coder benchmarks run — in this process (BenchmarkDotNet's generated child project would
// carry neither libtorch's native libraries nor the build's TorchSharp native fix), as a short monitoring job: one launch, one
// warm-up and five measured invocations, each coding hundreds of units, so a run takes minutes.
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Engine.Bench.Coders;

internal sealed class InProcessMonitoringConfig : ManualConfig
{
    public InProcessMonitoringConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
}
