// A tiny VAE for the coder tests: 8x8 binary images (noisy copies of four random prototypes), a
// 64-16-16-4 network trained for a few epochs with IWAE(5) — seconds on one thread — so the posterior
// is sharp enough for importance sampling to matter, yet every round trip stays fast.
using Engine.Models.Data;
using Engine.Models.Neural;

namespace Engine.Systems.Tests.Vae;

internal static class TinyVae
{
    private static readonly Lazy<(VaeModel Model, BinaryImages Train)> Trained = new(Build);

    public static VaeModel Model => Trained.Value.Model;

    /// <summary>Held-out images from the same prototypes (different noise).</summary>
    public static BinaryImages Images(int count, ulong seed = 11) => Synthetic(count, seed);

    /// <summary>A second, untrained network of the same shape (another fingerprint).</summary>
    public static VaeModel Other()
    {
        var vae = new BinaryVae(new VaeShape(64, 16, 4), 99);
        return new VaeModel(vae, new VaeCheckpointHeader { Shape = vae.Shape, Fingerprint = ModelFingerprint.Compute(vae) });
    }

    private static (VaeModel, BinaryImages) Build()
    {
        BinaryImages train = Synthetic(400, 5);
        var vae = new BinaryVae(new VaeShape(64, 16, 4), 7);
        VaeTrainer.Train(vae, train, new VaeTrainingOptions { Epochs = 30, BatchSize = 50, K = 5, LearningRate = 3e-3, Threads = 1, Seed = 7 });
        var header = new VaeCheckpointHeader { Shape = vae.Shape, Fingerprint = ModelFingerprint.Compute(vae), Classes = "synthetic" };
        return (new VaeModel(vae, header), train);
    }

    private static BinaryImages Synthetic(int count, ulong seed)
    {
        const int side = 8, d = side * side;
        var protoRng = new Random(3);
        var protos = new byte[4, d];
        for (int p = 0; p < 4; p++) for (int i = 0; i < d; i++) protos[p, i] = (byte)protoRng.Next(2);
        var rng = new Random((int)seed);
        var bits = new byte[count * d];
        for (int n = 0; n < count; n++)
        {
            int p = rng.Next(4);
            for (int i = 0; i < d; i++) bits[n * d + i] = (byte)(protos[p, i] ^ (rng.Next(100) < 5 ? 1 : 0));
        }
        return new BinaryImages(side, side, bits, new byte[count], Enumerable.Range(0, count).ToArray());
    }
}
