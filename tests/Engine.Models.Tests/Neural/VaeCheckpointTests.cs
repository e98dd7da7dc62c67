// Checkpoints: the round trip keeps the fingerprint and gives bit-identical outputs; damage is a
// typed CheckpointFormatException, including a state dict whose tensor entries (names, element types, ranks,
// sizes) do not match the network, which is refused before TorchSharp's loader allocates from them. The
// parameter list the layout check uses without libtorch must match the built network's.
using Engine.Models.Data;
using Engine.Models.Neural;

namespace Engine.Models.Tests.Neural;

public class VaeCheckpointTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "mcbits-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string Saved(out VaeCheckpointHeader header, out BinaryVae vae)
    {
        vae = new BinaryVae(new VaeShape(16, 8, 3), seed: 5);
        VaeTrainer.Train(vae, SyntheticBinary.Make(60, 4), new VaeTrainingOptions { K = 2, Epochs = 1, BatchSize = 20, Seed = 5 });
        string path = Path.Combine(_dir, "m.ckpt");
        header = VaeCheckpoint.Save(path, vae, new VaeCheckpointHeader
        {
            Shape = vae.Shape,
            Classes = "0-4",
            Binarization = BinarizationMode.Dynamic,
            BinarizationSeed = 77,
            Training = new VaeTrainingOptions { K = 2, Epochs = 1, BatchSize = 20, Seed = 5 },
            TestScore = new VaeScore(0.3, 0.29, 50, 10),
            Backend = VaeModel.Backend,
        });
        return path;
    }

    [Test]
    public void RoundTripKeepsFingerprintHeaderAndOutputs()
    {
        string path = Saved(out var header, out var original);
        using var origModel = new VaeModel(original, header);
        using var loaded = VaeModel.Load(path);
        Assert.That(loaded.Fingerprint, Is.EqualTo(header.Fingerprint));
        Assert.That(loaded.Fingerprint, Is.EqualTo(ModelFingerprint.Compute(original)));
        Assert.That(loaded.Header, Is.EqualTo(header).Using<VaeCheckpointHeader>((a, b) =>
            a.Classes == b.Classes && a.Binarization == b.Binarization && a.BinarizationSeed == b.BinarizationSeed &&
            a.Training == b.Training && a.TestScore == b.TestScore && a.Shape == b.Shape && a.Backend == b.Backend));

        var images = SyntheticBinary.Make(9, 4, seed: 8).Bits;
        float[] m1 = new float[27], s1 = new float[27], m2 = new float[27], s2 = new float[27];
        origModel.Encode(images, 9, m1, s1);
        loaded.Encode(images, 9, m2, s2);
        Assert.That(m2, Is.EqualTo(m1));
        Assert.That(s2, Is.EqualTo(s1));
        float[] p1 = new float[9 * 16], p2 = new float[9 * 16];
        origModel.DecodeProbabilities(m1, 9, p1);
        loaded.DecodeProbabilities(m1, 9, p2);
        Assert.That(p2, Is.EqualTo(p1));
        Assert.That(VaeCheckpoint.ReadHeader(path).Fingerprint, Is.EqualTo(header.Fingerprint));
    }

    [Test]
    public void SavingTwiceGivesTheSameBytes()
    {
        string path = Saved(out var header, out var vae);
        using (vae)
        {
            string again = Path.Combine(_dir, "again.ckpt");
            VaeCheckpoint.Save(again, vae, header);
            Assert.That(File.ReadAllBytes(again), Is.EqualTo(File.ReadAllBytes(path)));
        }
    }

    [Test]
    public void FlippedParameterByteIsRefused()
    {
        string path = Saved(out _, out var vae);
        vae.Dispose();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40; // inside the last parameter's float data
        File.WriteAllBytes(path, bytes);
        Assert.That(() => VaeModel.Load(path), Throws.TypeOf<CheckpointFormatException>().With.Message.Contains("fingerprint"));
    }

    [Test]
    public void TamperedHeaderFingerprintIsRefused()
    {
        string path = Saved(out var header, out var vae);
        vae.Dispose();
        string text = File.ReadAllText(path, System.Text.Encoding.Latin1);
        char first = header.Fingerprint[0];
        string swapped = (first == '0' ? '1' : '0') + header.Fingerprint[1..];
        File.WriteAllText(path, text.Replace(header.Fingerprint, swapped), System.Text.Encoding.Latin1);
        Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(path));
    }

    [Test]
    public void BadMagicTruncationAndGarbageAreTyped()
    {
        string path = Saved(out _, out var vae);
        vae.Dispose();
        byte[] good = File.ReadAllBytes(path);
        string bad = Path.Combine(_dir, "bad.ckpt");

        File.WriteAllBytes(bad, [.. "NOTVAE!!"u8.ToArray(), .. good[8..]]);
        Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(bad));

        File.WriteAllBytes(bad, good[..(good.Length - 10)]);
        Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(bad));

        File.WriteAllBytes(bad, good[..20]);
        Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(bad));

        File.WriteAllBytes(bad, []);
        Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(bad));
    }

    [Test]
    public void ModelRefusesAHeaderOfAnotherNetwork()
    {
        Saved(out var header, out var vae);
        using var other = new BinaryVae(vae.Shape, seed: 99);
        vae.Dispose();
        Assert.Throws<ArgumentException>(() => new VaeModel(other, header));
    }

    // Offset of the state dict's first tensor entry after its name (its dtype byte), and of the state-dict length.
    private static (int Entry, int LengthField) FirstTensor(byte[] file)
    {
        int json = BitConverter.ToInt32(file, 8);
        int lengthField = 12 + json;
        int state = lengthField + 8;
        Assert.That(file[state], Is.EqualTo(12), "12 tensors, count in one LEB128 byte");
        int nameLength = file[state + 1];
        Assert.That(System.Text.Encoding.UTF8.GetString(file, state + 2, nameLength), Is.EqualTo("encoder.0.weight"));
        return (state + 2 + nameLength, lengthField);
    }

    private static byte[] Spliced(byte[] file, int at, int remove, byte[] insert, int lengthField)
    {
        byte[] edited = [.. file[..at], .. insert, .. file[(at + remove)..]];
        long stateLength = BitConverter.ToInt64(file, lengthField) + insert.Length - remove;
        BitConverter.GetBytes(stateLength).CopyTo(edited, lengthField);
        return edited;
    }

    // The first tensor entry is dtype 6 (float32), rank 2, sizes 8 and 16 (LEB128, one byte each), then its values.
    [TestCase("rank 2^31-1", 1, 1, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, "rank")]   // afl: TorchSharp allocated a long[rank]
    [TestCase("rank 2^63-1", 1, 1, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "rank")]
    [TestCase("rank 3", 1, 1, new byte[] { 0x03 }, "rank")]
    [TestCase("size 2^31", 2, 1, new byte[] { 0x80, 0x80, 0x80, 0x80, 0x08 }, "sizes")]
    [TestCase("float64", 0, 1, new byte[] { 0x07 }, "element type")]
    public void StateDictEntryOfAnotherLayoutIsRefusedWithoutAllocatingFromIt(string what, int offset, int remove, byte[] insert, string names)
    {
        string path = Saved(out _, out var vae);
        vae.Dispose();
        byte[] good = File.ReadAllBytes(path);
        (int entry, int lengthField) = FirstTensor(good);
        Assert.That(good[entry..(entry + 4)], Is.EqualTo(new byte[] { 6, 2, 8, 16 }), "layout of the first entry as Module.save writes it");
        File.WriteAllBytes(path, Spliced(good, entry + offset, remove, insert, lengthField));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CheckpointFormatException>(() => VaeCheckpoint.Load(path), what);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(e!.Message, Does.Contain("not laid out as").And.Contain(names));
        Assert.That(allocated, Is.LessThan(16L << 20), $"{what}: allocated {allocated} bytes");
    }

    [Test]
    public void StateDictWithAnUnknownNameOrTrailingBytesIsRefused()
    {
        string path = Saved(out _, out var vae);
        vae.Dispose();
        byte[] good = File.ReadAllBytes(path);
        (int entry, int lengthField) = FirstTensor(good);

        byte[] renamed = (byte[])good.Clone();
        renamed[entry - 1] = (byte)'X'; // encoder.0.weighX
        File.WriteAllBytes(path, renamed);
        Assert.That(() => VaeCheckpoint.Load(path), Throws.TypeOf<CheckpointFormatException>().With.Message.Contains("no tensor 'encoder.0.weighX'"));

        File.WriteAllBytes(path, Spliced(good, good.Length, 0, [0, 0, 0, 0], lengthField));
        Assert.That(() => VaeCheckpoint.Load(path), Throws.TypeOf<CheckpointFormatException>().With.Message.Contains("4 bytes follow the last tensor"));
    }

    [TestCase(16, 8, 3)]
    [TestCase(784, 200, 50)]
    public void ParameterSizesListTheNetworksParametersInOrder(int pixels, int hidden, int latents)
    {
        var shape = new VaeShape(pixels, hidden, latents);
        using var vae = new BinaryVae(shape, seed: 1);
        var built = vae.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
        var listed = BinaryVae.ParameterSizes(shape);
        Assert.That(listed.Select(p => p.Name), Is.EqualTo(built.Select(p => p.name)));
        Assert.That(listed.Select(p => p.Sizes), Is.EqualTo(built.Select(p => p.shape)));
        Assert.That(listed.Sum(p => p.Sizes.Aggregate(1L, (a, b) => a * b)), Is.EqualTo(VaeShapeLimits.ParameterCount(shape)));
    }
}
