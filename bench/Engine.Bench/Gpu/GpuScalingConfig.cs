// GpuScalingConfig: a short job (1 launch, 2 warm-up and 5 measured iterations) so the scaling sweeps
// stay minutes long, plus the symbols/s and speed-up-over-cpu columns and the median.
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Engine.Bench.Gpu;

internal sealed class GpuScalingConfig : ManualConfig
{
    public GpuScalingConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("GpuShort"));
        AddColumn(StatisticColumn.Median, new SymbolsPerSecondColumn(ratioToCpu: false), new SymbolsPerSecondColumn(ratioToCpu: true));
    }
}
