// GoldenWriter: writes a version's golden messages. Run only by hand, when a new format version is born:
//   MCBITS_WRITE_GOLDEN=/abs/path/tests/Golden dotnet test tests/Engine.Systems.Tests -c Release \
//     --filter "FullyQualifiedName~GoldenWriter"
// Each version goes to <dir>/v<version>; a version whose directory already holds messages is skipped, so
// a committed set is never rewritten. Version 1 also trains and saves the tiny VAE checkpoint (8x8 images,
// 64-16-16-4) and samples the inputs; later versions code version 1's committed inputs with its
// checkpoint, so every version's set covers the same data.
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Systems.Tests.Golden;

[Explicit("Writes golden files; run by hand for a new format version.")]
public class GoldenWriter
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void WriteVersion(int version)
    {
        string? root = Environment.GetEnvironmentVariable("MCBITS_WRITE_GOLDEN");
        if (string.IsNullOrEmpty(root)) Assert.Ignore("Set MCBITS_WRITE_GOLDEN to the tests/Golden directory.");
        string dir = Path.Combine(root, $"v{version}"), inputs = Path.Combine(root, "v1");
        if (System.IO.Directory.Exists(dir) && System.IO.Directory.GetFiles(dir, "*.mcb").Length > 0)
            Assert.Ignore($"{dir} already holds messages; a committed version is never rewritten.");
        System.IO.Directory.CreateDirectory(dir);
        string ckpt = Path.Combine(inputs, GoldenSet.VaeModel);
        if (version == 1 && !File.Exists(ckpt)) SaveTinyVae(ckpt);
        torch.set_num_threads(1);
        using VaeModel vae = VaeModel.Load(ckpt);
        foreach (GoldenCase c in GoldenSet.Of(version))
        {
            string inputPath = GoldenCoding.InputPath(c, inputs);
            byte[] input;
            if (version == 1)
            {
                input = GoldenCoding.Sample(c);
                File.WriteAllBytes(inputPath, input);
            }
            else
            {
                input = File.ReadAllBytes(inputPath);
            }
            McbMessage message = GoldenCoding.Encode(c, input, vae);
            File.WriteAllBytes(GoldenCoding.MessagePath(c, dir), McbMessageFile.ToBytes(message));
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
