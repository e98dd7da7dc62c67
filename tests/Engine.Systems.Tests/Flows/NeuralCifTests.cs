// Local bits-back with a neural CIF (CifFlowModel over a tiny trained CifNetwork, with and without spectrally normalised index
// networks): every coder round-trips 200 8-bit images exactly on 1 and 3 chains (two seeds), the net rate sits on the coder's own estimate, and a message names the network's fingerprint and
// numeric backend (a decoder with another network refuses it).
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class NeuralCifTests
{
    private static CifFlowModel Trained(int seed, bool lipschitz = false)
    {
        var shape = new CifNetworkShape(4, 4, Layers: 2, Hidden: 8, IndexDims: 2, Lipschitz: lipschitz);
        var net = new CifNetwork(shape, seed);
        CifTrainer.Train(net, Images(256, 1), new CifTrainingOptions { Epochs = 3, BatchSize = 32, LearningRate = 3e-3, Seed = seed });
        var header = new CifCheckpointHeader { Shape = shape, Fingerprint = ModelFingerprint.Compute(net) };
        return new CifFlowModel(net, header);
    }

    private static ImageSet Images(int n, int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[n * 16];
        for (int k = 0; k < n; k++)
        {
            int offset = rng.Next(4);
            for (int i = 0; i < 16; i++) pixels[k * 16 + i] = (byte)Math.Clamp(((i / 4 + i % 4 + offset) % 4 == 0 ? 200 : 40) + rng.Next(-30, 31), 0, 255);
        }
        return new ImageSet(4, 4, pixels, new byte[n], Enumerable.Range(0, n).ToArray());
    }

    [Test]
    public void EveryCoderRoundTripsImages([Values] bool lipschitz)
    {
        using CifFlowModel model = Trained(1, lipschitz);
        byte[] data = Images(200, 9).Pixels;
        foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
            foreach (int chains in new[] { 1, 3 })
            {
                var options = new FlowOptions { Coder = coder, Chains = chains, Particles = coder.HasParticles() ? 4 : 1, Seed = (ulong)chains };
                FlowEncodeResult r = FlowCodec.Encode(data, model, options);
                TestContext.Out.WriteLine($"{coder} x{chains}: net {r.NetBitsPerDim:F4} own {r.EstimatorBitsPerDim:F4} escapes {r.Escapes}");
                McbMessage read = McbMessageFile.Read(McbMessageFile.ToBytes(r.Message).AsMemory());
                Assert.That(FlowCodec.Decode(read, model).Data, Is.EqualTo(data), $"{coder} x{chains}");
                Assert.That(read.Extra["model_backend"], Is.EqualTo(model.Identity.NumericBackend));
                if (r.Escapes == 0) Assert.That(r.NetBitsPerDim - r.EstimatorBitsPerDim, Is.InRange(-0.01, 0.02));
            }
    }

    [Test]
    public void AnotherNetworkIsRefused()
    {
        using CifFlowModel model = Trained(1), other = Trained(2);
        byte[] data = Images(4, 3).Pixels;
        McbMessage m = FlowCodec.Encode(data, model, new FlowOptions()).Message;
        var e = Assert.Throws<McbFormatException>(() => FlowCodec.Decode(m, other));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    [Test]
    public void ThePlainFlowsBoundNeedsNoIndexNetworks()
    {
        var shape = new CifNetworkShape(4, 4, Layers: 2, Hidden: 8, IndexDims: 0);
        var net = new CifNetwork(shape, seed: 3);
        using var model = new CifFlowModel(net, new CifCheckpointHeader { Shape = shape, Fingerprint = ModelFingerprint.Compute(net) });
        byte[] data = Images(30, 5).Pixels;
        (double bound, _) = FlowBound.NegativeElbo(model, data, samples: 2);
        FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Chains = 30 });
        Assert.That(double.IsFinite(bound), Is.True);
        Assert.That(r.NetBitsPerDim - bound, Is.InRange(-0.5, 0.5), $"net {r.NetBitsPerDim}, bound {bound}");
    }
}
