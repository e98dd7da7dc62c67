// VRNN coder speed: the case, BB-SMC(16) on binary 28x28 images read row by row (T = 28 steps of 28 symbols) through
// VrnnCodec (the generic SMC passes with the VRNN as an ILatentModel), encode and decode time per sequence with many chains —
// every step one libtorch pass over all chains x particles of a chain range — on the default 28-64-128-4 shape with seeded
// random weights (the work per sequence is the trained model's), libtorch on one thread as the CLI runs it, the coder's
// passes on every core. In process for the reasons VaeSpeedBenchmarks gives:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*VrnnSpeed*'
using BenchmarkDotNet.Attributes;
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems;
using Engine.Systems.Vae;
using TorchSharp;

namespace Engine.Bench.Coders;

/// <summary>Per-sequence encode/decode time of BB-SMC(16) on a VRNN.</summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoringConfig))]
[MinColumn, MedianColumn]
public class VrnnSpeedBenchmarks
{
    /// <summary>Sequences coded per invocation.</summary>
    public const int Sequences = 256;

    private VrnnModel _model = null!;
    private BinaryImages _sequences = null!;
    private CoderOptions _options = null!;
    private McbMessage _message = null!;

    /// <summary>Chains coded in lock-step.</summary>
    [Params(64)]
    public int Chains { get; set; } = 64;

    /// <summary>The coder.</summary>
    [Params(CoderKind.BbSmc)]
    public CoderKind Coder { get; set; } = CoderKind.BbSmc;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var net = new VrnnNetwork(VrnnShape.Default, 7);
        _model = new VrnnModel(net, ModelFingerprint.Compute(net), "bench");
        _sequences = NoisyImages.Create(Sequences);
        _options = new CoderOptions { Kind = Coder, Particles = 16, Chains = Chains, Resampling = ResamplingMode.Always };
        _message = VrnnCodec.Encode(_sequences, _model, _options).Message;
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(OperationsPerInvoke = Sequences)]
    public McbMessage Encode() => VrnnCodec.Encode(_sequences, _model, _options).Message;

    [Benchmark(OperationsPerInvoke = Sequences)]
    public byte[] Decode() => VrnnCodec.Decode(_message, _model).Data;
}
