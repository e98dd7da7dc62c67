// VaeShapeLimits: the parameter count it derives from a shape is the network's own, a saved checkpoint's
// state dict fits the byte-length cross-check, and shapes out of bounds or inconsistent with the stored
// bytes are CheckpointFormatExceptions from the header alone (VaeCheckpoint.Check builds nothing).
using System.Buffers.Binary;
using System.Text;
using Engine.Models.Neural;

namespace Engine.Models.Tests.Neural;

public class VaeShapeLimitsTests
{
    [Test]
    public void ParameterCountIsTheNetworksAndASavedStateFits()
    {
        var shape = new VaeShape(16, 8, 3);
        using var vae = new BinaryVae(shape, seed: 1);
        long actual = vae.parameters().Sum(p => p.numel());
        Assert.That(VaeShapeLimits.ParameterCount(shape), Is.EqualTo(actual));
        string path = Path.Combine(Path.GetTempPath(), "mcbits-limits-" + Guid.NewGuid().ToString("N") + ".ckpt");
        try
        {
            VaeCheckpoint.Save(path, vae, new VaeCheckpointHeader { Shape = shape });
            Assert.That(VaeCheckpoint.Check(path).Shape, Is.EqualTo(shape));
            using var loaded = VaeModel.Load(path);
            Assert.That(loaded.Pixels, Is.EqualTo(16));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(784, int.MaxValue, 50)]
    [TestCase(int.MaxValue, 200, 50)]
    [TestCase(784, 200, 1 << 30)]
    [TestCase(784, 12_000, 50)]
    [TestCase(0, 200, 50)]
    [TestCase(784, 4000, 50)]
    public void BadShapesAreRefusedFromTheHeader(int pixels, int hidden, int latents)
    {
        string path = Path.Combine(Path.GetTempPath(), "mcbits-limits-" + Guid.NewGuid().ToString("N") + ".ckpt");
        try
        {
            string json = $$"""{"Format":"mcbits-vae/1","Shape":{"Pixels":{{pixels}},"Hidden":{{hidden}},"Latents":{{latents}}},"Fingerprint":"{{new string('a', 64)}}"}""";
            byte[] header = Encoding.UTF8.GetBytes(json);
            var bytes = new List<byte>("MCBVAE\u0001\n"u8.ToArray());
            var word = new byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(word, header.Length);
            bytes.AddRange(word[..4]);
            bytes.AddRange(header);
            BinaryPrimitives.WriteInt64LittleEndian(word, 107_000);
            bytes.AddRange(word);
            bytes.AddRange(new byte[107_000]);
            File.WriteAllBytes(path, bytes.ToArray());
            var e = Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Check(path));
            Assert.That(e!.Message, Does.Contain("shape"));
            Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void SaveWithoutOverwriteKeepsAnExistingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "mcbits-limits-" + Guid.NewGuid().ToString("N") + ".ckpt");
        try
        {
            File.WriteAllText(path, "precious");
            using var vae = new BinaryVae(new VaeShape(4, 2, 1), seed: 1);
            Assert.Throws<IOException>(() => VaeCheckpoint.Save(path, vae, new VaeCheckpointHeader { Shape = vae.Shape }, overwrite: false));
            Assert.That(File.ReadAllText(path), Is.EqualTo("precious"));
            Assert.That(File.Exists(path + ".tmp"), Is.False);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
