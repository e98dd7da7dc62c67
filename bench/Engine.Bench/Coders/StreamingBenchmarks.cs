// Streaming: the per-tick cost of McBitsEncoder (Append + Flush of one tick's units into a reused frame) against a
// one-shot McBitsCodec.Encode of the same units, which builds a world, lanes and message every call (the baseline,
// measured in the same run). A tick is 125 units of the toy HMM (T = 10), what 1,000 agents closing windows every
// 8 ticks give the example host, coded with BB-CSMC(16) on one chain. Median and P95 per tick, and allocation:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*Streaming*'
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Engine.Models.Toy;
using Engine.Systems;

namespace Engine.Bench.Coders;

/// <summary>Append + Flush per tick against a one-shot encode of the same units.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MedianColumn, MaxColumn]
[Config(typeof(P95))]
public class StreamingBenchmarks
{
    /// <summary>Adds the 95th-percentile column.</summary>
    private sealed class P95 : ManualConfig
    {
        public P95() => AddColumn(StatisticColumn.P95);
    }

    /// <summary>Units per tick.</summary>
    public const int TickUnits = 125;

    private ToyHmm _model = null!;
    private byte[] _tick = [];
    private CoderOptions _options = null!;
    private McBitsEncoder _encoder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new ToyHmm();
        _tick = _model.Sample(TickUnits, 1);
        _options = new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 16, Resampling = ResamplingMode.Adaptive, Threads = 1 };
        _encoder = new McBitsEncoder(_model, _options, TickUnits);
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    /// <summary>One tick through the streaming encoder.</summary>
    [Benchmark]
    public int AppendFlush()
    {
        _encoder.Append(_tick);
        return _encoder.Flush().Length;
    }

    /// <summary>The same units through a one-shot encode and a serialised message (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public int OneShot() => Engine.Ans.Messages.McbMessageFile.ToBytes(McBitsCodec.Encode(_tick, _model, _options).Message).Length;
}
