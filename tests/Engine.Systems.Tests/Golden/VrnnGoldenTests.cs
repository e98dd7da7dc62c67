// VrnnGoldenTests: the golden VRNN messages (format version 5, the first that has them), committed under tests/Golden/vrnn-v5
// with their inputs and the tiny checkpoint that wrote them (8-8-8-2, untrained, seed 7). Each must decode to its input for as
// long as version 5 is read, and re-encoding the input with the case's options must give the committed bytes: a change to the
// VRNN's message bytes (the coders, BucketGaussian, the network's float path) needs a new format version and its own set.
// A VRNN message names the CPU capability libtorch computed its floats with, and a decoder elsewhere refuses it by design, so on
// a machine whose backend string differs from the one recorded the cases are skipped with that reason.
// The writer runs by hand, once: MCBITS_WRITE_GOLDEN=/abs/path/tests/Golden dotnet test tests/Engine.Systems.Tests -c Release
//   --filter "FullyQualifiedName~VrnnGoldenWriter"   (an existing file is never rewritten).
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems.Tests.Vrnn;
using Engine.Systems.Vae;
using TorchSharp;

namespace Engine.Systems.Tests.Golden;

/// <summary>One committed VRNN message: its coder options, grid and data.</summary>
public sealed record VrnnGoldenCase(string Name, CoderOptions Options, int Units, ulong DataSeed, int PriorBits = 8, int Precision = 20, bool Midpoint = false)
{
    public const string Checkpoint = "vrnn-tiny.ckpt";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Golden", "vrnn-v5");

    public VaeLatentGrid Grid => VaeLatentGrid.Of(PriorBits, Midpoint ? LatentPoint.Midpoint : LatentPoint.Centroid, Precision);

    private static CoderOptions O(CoderKind kind, int n, int chains, ulong seed, ResamplingMode resampling = ResamplingMode.Always) =>
        new() { Kind = kind, Particles = n, Chains = chains, Seed = seed, Resampling = resampling };

    public static IReadOnlyList<VrnnGoldenCase> All { get; } =
    [
        new("vrnn-bb-elbo-n1-b1", O(CoderKind.BbElbo, 1, 1, 3), 6, 1),
        new("vrnn-bb-is-n4-b3", O(CoderKind.BbIs, 4, 3, 4), 7, 2),
        new("vrnn-bb-cis-n4-b2", O(CoderKind.BbCis, 4, 2, 5), 6, 3),
        new("vrnn-bb-smc-n4-b1", O(CoderKind.BbSmc, 4, 1, 6), 5, 4),
        new("vrnn-bb-smc-adaptive-n8-b3", O(CoderKind.BbSmc, 8, 3, 7, ResamplingMode.Adaptive), 7, 5),
        new("vrnn-bb-csmc-n4-b2", O(CoderKind.BbCsmc, 4, 2, 8), 6, 6),
        new("vrnn-bb-csmc-adaptive-n16-b1", O(CoderKind.BbCsmc, 16, 1, 9, ResamplingMode.Adaptive), 4, 7),
        new("vrnn-g10midr18-bb-smc-n4-b2", O(CoderKind.BbSmc, 4, 2, 10), 5, 8, PriorBits: 10, Precision: 18, Midpoint: true),
    ];

    public override string ToString() => Name;
}

public class VrnnGoldenTests
{
    private static readonly Lazy<VrnnModel> LazyModel = new(() =>
    {
        torch.set_num_threads(1);
        return VrnnModel.Load(Path.Combine(VrnnGoldenCase.Directory, VrnnGoldenCase.Checkpoint));
    });

    private static IEnumerable<VrnnGoldenCase> Cases => VrnnGoldenCase.All;

    [TestCaseSource(nameof(Cases))]
    public void MessageDecodesToItsInputAndReEncodesByteForByte(VrnnGoldenCase c)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(VrnnGoldenCase.Directory, c.Name + ".input"));
        byte[] committed = File.ReadAllBytes(Path.Combine(VrnnGoldenCase.Directory, c.Name + ".mcb"));
        McbMessage message = McbMessageFile.Read(committed.AsMemory());
        torch.set_num_threads(1);
        string written = message.Extra[VaeCodec.ModelBackendKey];
        if (written != VrnnModel.Backend)
            Assert.Ignore($"written by numeric backend '{written}'; this machine computes '{VrnnModel.Backend}', which a VRNN decode refuses by design.");
        Assert.That(message.FormatVersion, Is.EqualTo(5));
        BinaryImages sequences = Sequences(input);
        Assert.That(VrnnCodec.Decode(message, LazyModel.Value).Data, Is.EqualTo(input));
        Assert.That(McbMessageFile.ToBytes(VrnnCodec.Encode(sequences, LazyModel.Value, c.Options, c.Grid).Message), Is.EqualTo(committed));
    }

    internal static BinaryImages Sequences(byte[] bits)
    {
        int unit = TinyVrnn.Steps * TinyVrnn.Symbols, n = bits.Length / unit;
        return new BinaryImages(TinyVrnn.Steps, TinyVrnn.Symbols, bits, new byte[n], Enumerable.Range(0, n).ToArray());
    }
}

[Explicit("Writes golden files; run by hand once.")]
public class VrnnGoldenWriter
{
    [Test]
    public void Write()
    {
        string? root = Environment.GetEnvironmentVariable("MCBITS_WRITE_GOLDEN");
        if (string.IsNullOrEmpty(root)) Assert.Ignore("Set MCBITS_WRITE_GOLDEN to the tests/Golden directory.");
        string dir = Path.Combine(root, "vrnn-v5");
        System.IO.Directory.CreateDirectory(dir);
        torch.set_num_threads(1);
        string checkpoint = Path.Combine(dir, VrnnGoldenCase.Checkpoint);
        if (!File.Exists(checkpoint))
            using (var net = new VrnnNetwork(TinyVrnn.Shape, 7))
                VrnnCheckpoint.Save(checkpoint, net, new VrnnCheckpointHeader { Shape = net.Shape, Classes = "synthetic" });
        using VrnnModel model = VrnnModel.Load(checkpoint);
        foreach (VrnnGoldenCase c in VrnnGoldenCase.All)
        {
            string message = Path.Combine(dir, c.Name + ".mcb"), inputPath = Path.Combine(dir, c.Name + ".input");
            if (File.Exists(message)) continue;
            BinaryImages sequences = TinyVrnn.Sequences(c.Units, c.DataSeed);
            File.WriteAllBytes(inputPath, sequences.Bits);
            File.WriteAllBytes(message, McbMessageFile.ToBytes(VrnnCodec.Encode(sequences, model, c.Options, c.Grid).Message));
        }
    }
}
