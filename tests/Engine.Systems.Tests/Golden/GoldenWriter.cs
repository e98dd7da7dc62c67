// GoldenWriter: writes a version's golden files. Run only by hand, when a new format version is born:
//   MCBITS_WRITE_GOLDEN=/abs/path/tests/Golden/v1 dotnet test tests/Engine.Systems.Tests -c Release \
//     --filter "FullyQualifiedName~GoldenWriter"
// It trains and saves the tiny VAE checkpoint (8x8 images, 64-16-16-4) when the directory has none, then
// writes every case's input and message. Never rerun it for an existing version: those bytes are frozen.
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Systems.Tests.Golden;

[Explicit("Writes golden files; run by hand for a new format version.")]
public class GoldenWriter
{
    [Test]
    public void WriteVersion1()
    {
        string? dir = Environment.GetEnvironmentVariable("MCBITS_WRITE_GOLDEN");
        if (string.IsNullOrEmpty(dir)) Assert.Ignore("Set MCBITS_WRITE_GOLDEN to the target directory.");
        Directory.CreateDirectory(dir);
        string ckpt = Path.Combine(dir, GoldenSet.VaeModel);
        if (!File.Exists(ckpt)) SaveTinyVae(ckpt);
        torch.set_num_threads(1);
        using VaeModel vae = VaeModel.Load(ckpt);
        foreach (GoldenCase c in GoldenSet.V1)
        {
            byte[] input = c.IsVae ? Engine.Systems.Tests.Vae.TinyVae.Images(c.Units, c.DataSeed).Bits : GoldenCoding.Sample(c);
            McbMessage message = GoldenCoding.Encode(c, input, vae);
            File.WriteAllBytes(GoldenCoding.InputPath(dir, c), input);
            File.WriteAllBytes(GoldenCoding.MessagePath(dir, c), McbMessageFile.ToBytes(message));
        }
    }

    private static void SaveTinyVae(string path)
    {
        BinaryImages train = Engine.Systems.Tests.Vae.TinyVae.Images(400, 5);
        using var net = new BinaryVae(new VaeShape(64, 16, 4), 7);
        VaeTrainer.Train(net, train, new VaeTrainingOptions { Epochs = 30, BatchSize = 50, K = 5, LearningRate = 3e-3, Threads = 1, Seed = 7 });
        VaeCheckpoint.Save(path, net, new VaeCheckpointHeader { Shape = net.Shape, Classes = "synthetic" });
    }
}
