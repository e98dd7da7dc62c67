// VAE coder speed: the VAE case, BB-IS(50) on 500 binary 28x28 images through VaeCodec (the generic
// core with the VAE as an ILatentModel), encode and decode time per image on one chain and on ten. The
// network is the default 784-200-200-50 shape with seeded random weights (no checkpoint needed; the work per
// image — one encoder pass per image step, one decoder pass over all particles, 50 x 784 pixel terms — is
// the trained model's), libtorch on one thread as the CLI runs it; images are noisy copies of ten seeded
// prototypes. It runs in process: BenchmarkDotNet's generated child project would not carry libtorch's native
// libraries (nor the TorchSharp native fix of the build). A short job keeps the run to minutes:
//   dotnet run -c Release --project bench/Engine.Bench -- --filter '*VaeSpeed*'
using BenchmarkDotNet.Attributes;
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Vae;
using TorchSharp;

namespace Engine.Bench.Coders;

/// <summary>Per-image encode/decode time of the VAE's BB-IS(50).</summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoringConfig))]
[MinColumn, MedianColumn]
public class VaeSpeedBenchmarks
{
    /// <summary>Images coded per invocation.</summary>
    public const int Images = 500;

    private VaeModel _model = null!;
    private BinaryImages _images = null!;
    private CoderOptions _options = null!;
    private McbMessage _message = null!;

    /// <summary>Chains coded in lock-step.</summary>
    [Params(1, 10)]
    public int Chains { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        var vae = new BinaryVae(VaeShape.Default, 7);
        _model = new VaeModel(vae, new VaeCheckpointHeader { Shape = vae.Shape, Fingerprint = ModelFingerprint.Compute(vae), Classes = "bench" });
        _images = NoisyImages.Create(Images);
        _options = new CoderOptions { Kind = CoderKind.BbIs, Particles = 50, Chains = Chains };
        _message = VaeCodec.Encode(_images, _model, _options).Message;
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(OperationsPerInvoke = Images)]
    public McbMessage Encode() => VaeCodec.Encode(_images, _model, _options).Message;

    [Benchmark(OperationsPerInvoke = Images)]
    public byte[] Decode() => VaeCodec.Decode(_message, _model).Data;
}
