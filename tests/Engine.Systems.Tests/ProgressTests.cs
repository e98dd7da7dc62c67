// CoderOptions.Progress and DecodeDetailed's progress: fractions that only grow, end at 1, come about a thousand
// times at most, and change nothing in the message.
using Engine.Ans.Messages;
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class ProgressTests
{
    private sealed class Recorder : IProgress<double>
    {
        public List<double> Seen { get; } = [];

        public void Report(double value) => Seen.Add(value);
    }

    [TestCase(1, 5000)]
    [TestCase(4, 300)]
    public void ProgressGrowsToOneAndLeavesTheMessageAlone(int chains, int symbols)
    {
        var model = new ToyMixture();
        byte[] data = model.Sample(symbols, 3);
        var options = new CoderOptions { Kind = CoderKind.BbIs, Particles = 4, Chains = chains };
        var encoding = new Recorder();
        McbMessage plain = McBitsCodec.Encode(data, model, options).Message;
        McbMessage watched = McBitsCodec.Encode(data, model, options with { Progress = encoding }).Message;
        Assert.That(McbMessageFile.ToBytes(watched), Is.EqualTo(McbMessageFile.ToBytes(plain)));
        var decoding = new Recorder();
        Assert.That(McBitsCodec.DecodeDetailed(watched, model, progress: decoding).Data, Is.EqualTo(data));
        foreach (Recorder r in new[] { encoding, decoding })
        {
            Assert.That(r.Seen, Is.Not.Empty);
            Assert.That(r.Seen, Is.Ordered);
            Assert.That(r.Seen[^1], Is.EqualTo(1.0));
            Assert.That(r.Seen, Has.Count.LessThanOrEqualTo(1001));
            Assert.That(r.Seen[0], Is.GreaterThan(0));
        }
    }

    [Test]
    public void TheVaeDecoderReportsProgressToo()
    {
        var images = Vae.TinyVae.Images(6);
        var options = new CoderOptions { Kind = CoderKind.BbIs, Particles = 3 };
        McbMessage m = Engine.Systems.Vae.VaeCodec.Encode(images, Vae.TinyVae.Model, options).Message;
        var decoding = new Recorder();
        Assert.That(Engine.Systems.Vae.VaeCodec.Decode(m, Vae.TinyVae.Model, progress: decoding).Data, Is.EqualTo(images.Bits));
        Assert.That(decoding.Seen, Is.Ordered.And.Not.Empty);
        Assert.That(decoding.Seen[^1], Is.EqualTo(1.0));
    }
}
