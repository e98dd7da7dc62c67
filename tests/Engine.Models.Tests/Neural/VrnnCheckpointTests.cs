// VRNN checkpoints: the parameter list the layout check uses without libtorch is the built network's; the round trip keeps
// the header and the fingerprint and gives the same bounds; a hostile file (bad magic, truncation, a header whose shape is
// out of range or does not fit the stored bytes, another layout, a wrong fingerprint or format, a state-dict entry that
// would make TorchSharp's loader allocate from it) is a CheckpointFormatException raised before any network is built.
using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using TorchSharp;

namespace Engine.Models.Tests.Neural;

public class VrnnCheckpointTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "mcbits-vrnn-ckpt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private static readonly VrnnTrainingOptions Options = new() { Objective = VrnnObjectiveKind.Iwae, Particles = 2, Epochs = 1, BatchSize = 20, Seed = 5 };

    private string Saved(out VrnnCheckpointHeader header, out VrnnNetwork network)
    {
        network = new VrnnNetwork(VrnnObjectiveTests.Tiny, seed: 5);
        VrnnTrainer.Train(network, SyntheticBinary.Make(40, 6), Options);
        string path = Path.Combine(_dir, "m.ckpt");
        header = VrnnCheckpoint.Save(path, network, new VrnnCheckpointHeader
        {
            Shape = network.Shape,
            Classes = "0-4",
            Binarization = BinarizationMode.Dynamic,
            BinarizationSeed = 77,
            Training = Options,
            TestScore = new VrnnScore(0.3, 0.29, 0.28, 16, 10),
            Backend = VaeModel.Backend,
        });
        return path;
    }

    [TestCase(6, 8, 8, 2)]
    [TestCase(28, 64, 128, 4)]
    [TestCase(5, 3, 7, 1)]
    public void ParameterSizesListTheNetworksParametersInOrder(int symbols, int features, int hidden, int latents)
    {
        var shape = new VrnnShape(symbols, features, hidden, latents);
        using var network = new VrnnNetwork(shape, seed: 1);
        var built = network.named_parameters().Select(p => (p.name, p.parameter.shape)).ToArray();
        var listed = VrnnNetwork.ParameterSizes(shape);
        Assert.That(listed.Select(p => p.Name), Is.EqualTo(built.Select(p => p.name)));
        Assert.That(listed.Select(p => p.Sizes), Is.EqualTo(built.Select(p => p.shape)));
        Assert.That(shape.ParameterCount(), Is.EqualTo(built.Sum(p => p.shape.Aggregate(1L, (a, b) => a * b))));
    }

    [Test]
    public void RoundTripKeepsHeaderFingerprintAndBounds()
    {
        string path = Saved(out var header, out var original);
        using (original)
        {
            var (loaded, read) = VrnnCheckpoint.Load(path);
            using (loaded)
            {
                Assert.That(read.Fingerprint, Is.EqualTo(ModelFingerprint.Compute(original)).And.EqualTo(ModelFingerprint.Compute(loaded)));
                Assert.That(read.Format, Is.EqualTo("mcbits-vrnn/1"));
                Assert.That((read.Shape, read.Classes, read.Binarization, read.BinarizationSeed, read.Training, read.TestScore, read.Backend),
                    Is.EqualTo((header.Shape, header.Classes, header.Binarization, header.BinarizationSeed, header.Training, header.TestScore, header.Backend)));
                var test = SyntheticBinary.Make(12, 6, seed: 8);
                Assert.That(VrnnEvaluator.Evaluate(loaded, test, particles: 3), Is.EqualTo(VrnnEvaluator.Evaluate(original, test, particles: 3)));
            }
            Assert.That(VrnnCheckpoint.ReadHeader(path).Fingerprint, Is.EqualTo(header.Fingerprint));
            Assert.That(VrnnCheckpoint.Check(path).Fingerprint, Is.EqualTo(header.Fingerprint));
            using var memory = new MemoryStream(File.ReadAllBytes(path));
            Assert.That(VrnnCheckpoint.Check(memory, "memory").Fingerprint, Is.EqualTo(header.Fingerprint));
            memory.Position = 0;
            var (fromStream, _) = VrnnCheckpoint.Load(memory, "memory");
            using (fromStream) Assert.That(ModelFingerprint.Compute(fromStream), Is.EqualTo(header.Fingerprint));

            string again = Path.Combine(_dir, "again.ckpt");
            VrnnCheckpoint.Save(again, original, header);
            Assert.That(File.ReadAllBytes(again), Is.EqualTo(File.ReadAllBytes(path)), "saving twice gives the same bytes");
            Assert.Throws<IOException>(() => VrnnCheckpoint.Save(again, original, header, overwrite: false));
        }
    }

    [Test]
    public void BadMagicTruncationGarbageAndAFlippedParameterAreRefused()
    {
        string path = Saved(out _, out var network);
        network.Dispose();
        byte[] good = File.ReadAllBytes(path);
        string bad = Path.Combine(_dir, "bad.ckpt");
        void Refused(byte[] bytes, string what, string message)
        {
            File.WriteAllBytes(bad, bytes);
            Assert.That(() => VrnnCheckpoint.Load(bad), Throws.TypeOf<CheckpointFormatException>().With.Message.Contains(message), what);
        }
        Refused([.. "MCBVAE\u0001\n"u8.ToArray(), .. good[8..]], "a VAE's magic", "bad magic");
        Refused(good[..(good.Length - 10)], "truncated state", "state dict length");
        Refused(good[..20], "truncated header", "truncated");
        Refused([], "empty", "bad magic");
        byte[] flipped = (byte[])good.Clone();
        flipped[^3] ^= 0x40; // inside the last parameter's values
        Refused(flipped, "flipped parameter byte", "fingerprint");
        Assert.Throws<ArgumentException>(() => VrnnCheckpoint.Load(new NonSeekable(good), "pipe"));
    }

    // Header edits, each refused by Load and, when the header alone tells, by Check (which never builds a network).
    [TestCase("Shape.Symbols", "0", "no valid network shape", true)]
    [TestCase("Shape.Hidden", "100000", "no valid network shape", true)]
    [TestCase("Shape.Latents", "-2", "no valid network shape", true)]
    [TestCase("Shape", "null", "no valid network shape", true)]
    [TestCase("Shape.Hidden", "64", "does not fit the stored tensors", true)]
    [TestCase("Shape.Hidden", "7", "not laid out as a 6-8-7-2 VRNN", false)]
    [TestCase("Format", "\"mcbits-vrnn/2\"", "format", true)]
    [TestCase("Fingerprint", "\"abc\"", "not a SHA-256 hex digest", true)]
    [TestCase("Fingerprint", "\"0000000000000000000000000000000000000000000000000000000000000000\"", "header records 0000", false)]
    public void HostileHeadersAreRefusedBeforeANetworkIsBuilt(string field, string json, string message, bool checkRefuses)
    {
        string path = Saved(out _, out var network);
        network.Dispose();
        byte[] edited = WithHeaderField(File.ReadAllBytes(path), field, JsonNode.Parse(json));
        File.WriteAllBytes(path, edited);
        Assert.That(() => VrnnCheckpoint.Load(path), Throws.TypeOf<CheckpointFormatException>().With.Message.Contains(message));
        if (checkRefuses)
            Assert.That(() => VrnnCheckpoint.Check(path), Throws.TypeOf<CheckpointFormatException>().With.Message.Contains(message));
        else
            Assert.That(VrnnCheckpoint.Check(path).Shape, Is.Not.Null, "the length fits: only the layout or the values tell");
    }

    // The first tensor entry is phi_x.weight: dtype 6 (float32), rank 2, sizes 8 and 6 (LEB128, one byte each), then its values.
    [TestCase("rank 2^31-1", 1, 1, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, "rank")]
    [TestCase("rank 3", 1, 1, new byte[] { 0x03 }, "rank")]
    [TestCase("size 2^31", 2, 1, new byte[] { 0x80, 0x80, 0x80, 0x80, 0x08 }, "sizes")]
    [TestCase("float64", 0, 1, new byte[] { 0x07 }, "element type")]
    public void StateDictEntryOfAnotherLayoutIsRefusedWithoutAllocatingFromIt(string what, int offset, int remove, byte[] insert, string names)
    {
        string path = Saved(out _, out var network);
        network.Dispose();
        byte[] good = File.ReadAllBytes(path);
        int lengthField = 12 + BinaryPrimitives.ReadInt32LittleEndian(good.AsSpan(8));
        int state = lengthField + 8;
        Assert.That(good[state], Is.EqualTo(22), "22 tensors (12 layers, post_x and dec_z without a bias), count in one LEB128 byte");
        int nameLength = good[state + 1];
        Assert.That(Encoding.UTF8.GetString(good, state + 2, nameLength), Is.EqualTo("phi_x.weight"));
        int entry = state + 2 + nameLength;
        Assert.That(good[entry..(entry + 4)], Is.EqualTo(new byte[] { 6, 2, 8, 6 }), "layout of the first entry as Module.save writes it");
        byte[] edited = [.. good[..(entry + offset)], .. insert, .. good[(entry + offset + remove)..]];
        BinaryPrimitives.WriteInt64LittleEndian(edited.AsSpan(lengthField), edited.Length - state);
        File.WriteAllBytes(path, edited);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CheckpointFormatException>(() => VrnnCheckpoint.Load(path), what);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(e!.Message, Does.Contain("not laid out as").And.Contain(names));
        Assert.That(allocated, Is.LessThan(16L << 20), $"{what}: allocated {allocated} bytes");
    }

    // The checkpoint with one header field (a dotted path) replaced, its header length rewritten.
    private static byte[] WithHeaderField(byte[] file, string field, JsonNode? value)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8));
        JsonNode header = JsonNode.Parse(file.AsSpan(12, length))!;
        string[] parts = field.Split('.');
        JsonNode parent = parts[..^1].Aggregate(header, (node, name) => node[name]!);
        parent[parts[^1]] = value;
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var edited = new byte[12 + json.Length + (file.Length - 12 - length)];
        file.AsSpan(0, 8).CopyTo(edited);
        BinaryPrimitives.WriteInt32LittleEndian(edited.AsSpan(8), json.Length);
        json.CopyTo(edited.AsSpan(12));
        file.AsSpan(12 + length).CopyTo(edited.AsSpan(12 + json.Length));
        return edited;
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
