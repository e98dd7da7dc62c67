// The coder-facing VaeModel: each output row depends only on its own input row, whatever the batch
// size, position or libtorch thread count, so encoder and decoder of a message see identical floats.
using Engine.Models.Data;
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Models.Tests.Neural;

public class VaeModelTests
{
    private static VaeModel Untrained(VaeShape shape, long seed = 3)
    {
        var vae = new BinaryVae(shape, seed);
        return new VaeModel(vae, new VaeCheckpointHeader { Shape = shape, Fingerprint = ModelFingerprint.Compute(vae) });
    }

    private static float[] Latents(int rows, int width, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var z = new float[rows * width];
        for (int i = 0; i < z.Length; i++) z[i] = (rng.NextBelow(20001) - 10000) / 3000f;
        return z;
    }

    [TestCase(1)]
    [TestCase(2)]
    public void DecodeRowsAreIndependentOfBatchSizeAndPosition(int threads)
    {
        int saved = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            using var model = Untrained(VaeShape.Default);
            const int rows = 4099; // like B×N = 82×50 chains×particles; not a multiple of any block
            float[] z = Latents(rows, model.Latents, 1);
            var all = new float[rows * model.Pixels];
            model.DecodeProbabilities(z, rows, all);
            var one = new float[model.Pixels];
            foreach (int r in new[] { 0, 1, 7, 500, 4098 })
            {
                model.DecodeProbabilities(z.AsSpan(r * model.Latents, model.Latents), 1, one);
                Assert.That(one, Is.EqualTo(all.AsSpan(r * model.Pixels, model.Pixels).ToArray()), $"row {r}");
            }
            var some = new float[37 * model.Pixels];
            model.DecodeProbabilities(z.AsSpan(400 * model.Latents), 37, some);
            Assert.That(some, Is.EqualTo(all.AsSpan(400 * model.Pixels, 37 * model.Pixels).ToArray()));
        }
        finally { torch.set_num_threads(saved); }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void EncodeRowsAreIndependentOfBatchSize(int threads)
    {
        int saved = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            using var model = Untrained(VaeShape.Default);
            var images = SyntheticBinary.Make(301, 28).Bits;
            float[] mean = new float[301 * 50], std = new float[301 * 50], m1 = new float[50], s1 = new float[50];
            model.Encode(images, 301, mean, std);
            foreach (int r in new[] { 0, 150, 300 })
            {
                model.Encode(images.AsSpan(r * 784, 784), 1, m1, s1);
                Assert.That(m1, Is.EqualTo(mean.AsSpan(r * 50, 50).ToArray()), $"mean row {r}");
                Assert.That(s1, Is.EqualTo(std.AsSpan(r * 50, 50).ToArray()), $"std row {r}");
            }
            Assert.That(std.All(s => s > 0), Is.True);
        }
        finally { torch.set_num_threads(saved); }
    }

    [Test]
    public void ProbabilitiesAreSigmoidOfLogits()
    {
        using var model = Untrained(new VaeShape(10, 6, 3));
        float[] z = Latents(4, 3, 2);
        float[] logits = new float[40], probs = new float[40];
        model.DecodeLogits(z, 4, logits);
        model.DecodeProbabilities(z, 4, probs);
        for (int i = 0; i < 40; i++) Assert.That(probs[i], Is.EqualTo(1 / (1 + Math.Exp(-logits[i]))).Within(1e-6));
    }

    [Test]
    public void PrepareUsesTheCheckpointsBinarisation()
    {
        var vae = new BinaryVae(new VaeShape(16, 4, 2), 1);
        var header = new VaeCheckpointHeader
        {
            Shape = vae.Shape, Fingerprint = ModelFingerprint.Compute(vae), Binarization = BinarizationMode.Dynamic, BinarizationSeed = 12,
        };
        using var model = new VaeModel(vae, header);
        var px = Enumerable.Range(0, 48).Select(i => (byte)(i * 5)).ToArray();
        var images = new ImageSet(4, 4, px, [0, 1, 2], [0, 1, 2]);
        Assert.That(model.Prepare(images).Bits, Is.EqualTo(Binarizer.Dynamic(images, 12).Bits));
        Assert.Throws<ArgumentException>(() => model.Prepare(new ImageSet(3, 3, new byte[9], [0], [0])));
    }

    [Test]
    public void BadSizesAndValuesAreRefused()
    {
        using var model = Untrained(new VaeShape(4, 3, 2));
        Assert.Throws<ArgumentException>(() => model.Encode(new byte[7], 2, new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => model.Encode(new byte[8], 2, new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => model.Encode([0, 1, 2, 0], 1, new float[2], new float[2]));
        Assert.Throws<ArgumentException>(() => model.DecodeProbabilities(new float[4], 2, new float[7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.DecodeLogits(new float[4], -1, new float[8]));
        Assert.That(VaeModel.Backend, Does.StartWith("libtorch-cpu/TorchSharp"));
    }
}
