// The README's VRNN library example, step for step on a tiny checkpoint: load it (VrnnModel.Load), binarise grey images by its
// rule (Prepare), code them with BB-CSMC(16) on four chains and decode them back.
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vrnn;

public class VrnnLibraryTests
{
    [Test]
    public void TheReadmeExampleRunsOnATinyCheckpoint()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vrnn-readme-{Environment.ProcessId}.ckpt");
        try
        {
            using (var net = new VrnnNetwork(TinyVrnn.Shape, 5))
                VrnnCheckpoint.Save(path, net, new VrnnCheckpointHeader { Shape = net.Shape, Classes = "0-4" });
            using VrnnModel vrnn = VrnnModel.Load(path);
            var rng = new Random(2);
            var grey = new byte[10 * TinyVrnn.Steps * TinyVrnn.Symbols];
            rng.NextBytes(grey);
            var images = new ImageSet(TinyVrnn.Steps, TinyVrnn.Symbols, grey, new byte[10], Enumerable.Range(0, 10).ToArray());
            BinaryImages rows = vrnn.Prepare(images.Take(8));
            Assert.That(rows.Bits, Is.EqualTo(grey.Take(8 * TinyVrnn.Steps * TinyVrnn.Symbols).Select(g => (byte)(g >= 128 ? 1 : 0))));
            var csmc = new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 16, Chains = 4 };
            EncodeResult v = VrnnCodec.Encode(rows, vrnn, csmc);
            Assert.That(v.Message.Model, Is.EqualTo($"vrnn {TinyVrnn.Shape} classes=0-4 binarization=Threshold"));
            Assert.That(VrnnCodec.Decode(v.Message, vrnn).Data, Is.EqualTo(rows.Bits));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
