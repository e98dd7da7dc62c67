// The neural CIF: its parameter list is what ParameterSizes says (the checkpoint checks rely on it); a few epochs of training
// lower the dequantised bound on a tiny synthetic image set; checkpoints round-trip with their fingerprint and refuse damage
// (bad magic, a header shape out of bounds or not matching the stored tensors, altered values) with a CheckpointFormatException
// before any network is built.
using Engine.Models.Data;
using Engine.Models.Neural;
using TorchSharp;

namespace Engine.Models.Tests.Neural;

public class CifNetworkTests
{
    private static readonly CifNetworkShape Tiny = new(4, 4, Layers: 2, Hidden: 8, IndexDims: 2);

    /// <summary>n 4x4 8-bit images: a bright diagonal bar at a random offset plus noise.</summary>
    internal static ImageSet Images(int n, int seed)
    {
        var rng = new Random(seed);
        var pixels = new byte[n * 16];
        for (int k = 0; k < n; k++)
        {
            int offset = rng.Next(4);
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    pixels[k * 16 + r * 4 + c] = (byte)Math.Clamp(((r + c + offset) % 4 == 0 ? 200 : 40) + rng.Next(-30, 31), 0, 255);
        }
        return new ImageSet(4, 4, pixels, new byte[n], Enumerable.Range(0, n).ToArray());
    }

    [Test]
    public void ParameterSizesListTheBuiltNetworksParameters([Values(0, 3)] int index, [Values] bool lipschitz)
    {
        using var net = new CifNetwork(Tiny with { IndexDims = index, Lipschitz = lipschitz }, seed: 1);
        var built = net.named_parameters().Select(p => (p.name, p.parameter.shape)).ToList();
        var listed = CifNetwork.ParameterSizes(net.Shape);
        Assert.That(built.Select(b => b.name), Is.EqualTo(listed.Select(l => l.Name)));
        Assert.That(built.Select(b => b.shape), Is.EqualTo(listed.Select(l => l.Sizes)));
    }

    [Test]
    public void TrainingLowersTheBound()
    {
        ImageSet data = Images(256, 1);
        using var net = new CifNetwork(Tiny, seed: 2);
        double before = CifTrainer.Evaluate(net, data);
        var (epochs, _, skipped) = CifTrainer.Train(net, data, new CifTrainingOptions { Epochs = 6, BatchSize = 32, LearningRate = 3e-3 });
        double after = CifTrainer.Evaluate(net, data);
        TestContext.Out.WriteLine($"bits/dim before {before:F3}, after {after:F3}; epochs {string.Join(", ", epochs.Select(e => e.ToString("F3")))}");
        Assert.That(after, Is.LessThan(before - 0.5));
        Assert.That(double.IsFinite(after));
        Assert.That(skipped, Is.Zero);
    }

    [Test]
    public void SpectralLayersAreOneLipschitzAfterTrainingAndFixedWhenEvaluating()
    {
        ImageSet data = Images(256, 4);
        var shape = Tiny with { Lipschitz = true };
        using var net = new CifNetwork(shape, seed: 5);
        var (_, _, skipped) = CifTrainer.Train(net, data, new CifTrainingOptions { Epochs = 3, BatchSize = 32, LearningRate = 3e-3 });
        Assert.That(skipped, Is.Zero);
        net.eval();
        var spectral = net.modules().OfType<SpectralLinear>().ToList();
        Assert.That(spectral, Has.Count.EqualTo(2 * 2 * shape.Layers), "two linears in each of p(u | z) and q(u | z) per layer");
        foreach (SpectralLinear layer in spectral)
        {
            // The normalised weight's largest singular value (exact, from the SVD) is 1 up to the power iteration's error.
            var (name, weight) = layer.named_parameters().First(p => p.name == "weight");
            using var sigma = layer.Sigma();
            using var normalised = weight.detach() / sigma;
            using var values = torch.linalg.svdvals(normalised);
            Assert.That(values.max().item<float>(), Is.EqualTo(1f).Within(0.05f), name);
        }
        // Evaluation does not move u: two forwards give the same floats, and the fingerprint does not change.
        string before = ModelFingerprint.Compute(net);
        using var x = torch.rand(5, 16);
        var (m1, s1) = net.IndexPrior(1, x);
        var (m2, s2) = net.IndexPrior(1, x);
        Assert.That(m1.data<float>().ToArray(), Is.EqualTo(m2.data<float>().ToArray()));
        Assert.That(ModelFingerprint.Compute(net), Is.EqualTo(before));
    }

    [Test]
    public void LipschitzCheckpointsRoundTrip()
    {
        string path = Path.Combine(Path.GetTempPath(), "cif-lip-" + Guid.NewGuid().ToString("N") + ".ckpt");
        try
        {
            var shape = Tiny with { Lipschitz = true };
            using var net = new CifNetwork(shape, seed: 6);
            CifCheckpointHeader written = CifCheckpoint.Save(path, net, new CifCheckpointHeader { Shape = shape });
            var (loaded, header) = CifCheckpoint.Load(path);
            using (loaded)
            {
                Assert.That(header.Shape.Lipschitz, Is.True);
                Assert.That(ModelFingerprint.Compute(loaded), Is.EqualTo(written.Fingerprint));
                Assert.That(loaded.modules().OfType<SpectralLinear>().Count(), Is.EqualTo(8));
            }
            // The same file read as a plain shape does not match the stored tensors.
            string text = File.ReadAllText(path, System.Text.Encoding.Latin1);
            Assert.That(text, Does.Contain("\"Lipschitz\": true"));
            File.WriteAllText(path, text.Replace("\"Lipschitz\": true", "\"Lipschitz\":false"), System.Text.Encoding.Latin1);
            Assert.Throws<CheckpointFormatException>(() => CifCheckpoint.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void CheckpointsRoundTripAndRefuseDamage()
    {
        string dir = Path.Combine(Path.GetTempPath(), "cif-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "m.ckpt");
            using var net = new CifNetwork(Tiny, seed: 3);
            CifCheckpointHeader written = CifCheckpoint.Save(path, net, new CifCheckpointHeader { Shape = Tiny, Classes = "all" });
            var (loaded, header) = CifCheckpoint.Load(path);
            using (loaded)
            {
                Assert.That(header.Fingerprint, Is.EqualTo(written.Fingerprint));
                Assert.That(ModelFingerprint.Compute(loaded), Is.EqualTo(written.Fingerprint));
            }
            byte[] bytes = File.ReadAllBytes(path);
            void Refused(byte[] damaged, string what)
            {
                string p = Path.Combine(dir, "bad.ckpt");
                File.WriteAllBytes(p, damaged);
                Assert.Throws<CheckpointFormatException>(() => CifCheckpoint.Load(p), what);
            }
            byte[] magic = (byte[])bytes.Clone();
            magic[0] ^= 1;
            Refused(magic, "bad magic");
            Refused(bytes[..(bytes.Length - 7)], "truncated state");
            byte[] value = (byte[])bytes.Clone();
            value[^3] ^= 0x40;
            Refused(value, "an altered parameter value");
            string text = System.Text.Encoding.UTF8.GetString(bytes);
            foreach ((string from, string to) in new[] { ("\"Hidden\": 8", "\"Hidden\": 9"), ("\"Layers\": 2", "\"Layers\": 64"), ("\"Rows\": 4", "\"Rows\": 99999") })
            {
                Assert.That(text, Does.Contain(from));
                Refused(System.Text.Encoding.UTF8.GetBytes(text.Replace(from, to)), $"header {to}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>Writes the fuzz corpus's tiny CIF checkpoint; run by hand: MCBITS_WRITE_FUZZ_SEED=/abs/tests/Fuzz/corpus/cif-checkpoint.</summary>
[Explicit("Writes the fuzz seed; run by hand.")]
public class CifFuzzSeedWriter
{
    [Test]
    public void Write()
    {
        string? dir = Environment.GetEnvironmentVariable("MCBITS_WRITE_FUZZ_SEED");
        if (string.IsNullOrEmpty(dir)) Assert.Ignore("Set MCBITS_WRITE_FUZZ_SEED.");
        var shape = new CifNetworkShape(2, 2, Layers: 2, Hidden: 3, IndexDims: 1);
        using var net = new CifNetwork(shape, seed: 1);
        CifCheckpoint.Save(Path.Combine(dir, "cif-tiny.ckpt"), net, new CifCheckpointHeader { Shape = shape });
    }
}
