// Coder speed: encode and decode time per unit (symbol for the mixture, sequence for the HMM) of the
// issue's two speed cases, BB-IS(16) on the mixture and BB-SMC(16) on the HMM, against the chain count B
// (lock-step lanes). Each invocation codes the same 4096 units (4 per chain at B = 1024, so per-run set-up
// stays a small share), so BenchmarkDotNet's per-operation times are per unit; B = 1 is the single-chain
// figure compared with the Python reference (9e-3 s/symbol, 8e-2 s/sequence), and the other B give units/s
// against chain count. From B = 64 the passes split the chains over the cores (CoderOptions.Threads); the
// "t=1" rows pin one thread, the same-run baseline of that split. A short job keeps the run to minutes:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*CoderSpeed*'
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Engine.Ans.Messages;
using Engine.Models.Toy;
using Engine.Systems;

namespace Engine.Bench.Coders;

/// <summary>Per-unit encode/decode time of BB-IS(16) and BB-SMC(16) against the chain count.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MinColumn, MedianColumn]
public class CoderSpeedBenchmarks
{
    /// <summary>Units coded per invocation.</summary>
    public const int Units = 4096;

    private ToyModel _model = null!;
    private byte[] _data = [];
    private CoderOptions _options = null!;
    private McbMessage _message = null!;

    /// <summary>"BB-IS(16) mixture" or "BB-SMC(16) hmm".</summary>
    [Params("IS16-mixture", "SMC16-hmm")]
    public string Case { get; set; } = "IS16-mixture";

    /// <summary>Chains coded in lock-step and the passes' thread cap.</summary>
    [ParamsSource(nameof(Layouts))]
    public ChainLayout Layout { get; set; } = new(1, 0);

    /// <summary>B = 1 .. 1024 on all cores, plus one-thread baselines where the passes split (B >= 64).</summary>
    public static IEnumerable<ChainLayout> Layouts =>
    [
        new(1, 0), new(4, 0), new(16, 0), new(64, 1), new(64, 0), new(256, 1), new(256, 0), new(1024, 1), new(1024, 0),
    ];

    [GlobalSetup]
    public void Setup()
    {
        bool hmm = Case.EndsWith("hmm", StringComparison.Ordinal);
        _model = hmm ? new ToyHmm() : new ToyMixture();
        _data = _model.Sample(Units, 1);
        _options = new CoderOptions
        {
            Kind = hmm ? CoderKind.BbSmc : CoderKind.BbIs, Particles = 16, Chains = Layout.Chains, Threads = Layout.Threads,
        };
        _message = McBitsCodec.Encode(_data, _model, _options).Message;
    }

    [Benchmark(OperationsPerInvoke = Units)]
    public McbMessage Encode() => McBitsCodec.Encode(_data, _model, _options).Message;

    [Benchmark(OperationsPerInvoke = Units)]
    public byte[] Decode() => McBitsCodec.DecodeDetailed(_message, _model, threads: Layout.Threads).Data;
}
