// RansBenchConfig: a short job for the rANS benchmarks (the machine is shared): one launch, two warmup
// and seven measured iterations of one invocation each (every invocation codes 16M symbols).
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Engine.Bench.Ans;

/// <summary>Short, single-invocation job for the 16M-symbol rANS benchmarks.</summary>
public sealed class RansBenchConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public RansBenchConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(7)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("short-16M"));
    }
}
