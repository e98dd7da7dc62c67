// FlowGoldenTests: the golden messages of the local bits-back coders (format version 4 container, coders LBB-BitSwap,
// LBB-Naive, LBB-IS and LBB-CIS), committed under tests/Golden/flows-v4 with their inputs. Toy CIFs compute in plain C# doubles, so the
// messages are the same on every machine: each must decode to its input forever, and re-encoding the input with the case's
// options must give the committed bytes (a change to the flow coders' bytes needs a new format version and its own set).
// The writer runs by hand, once: MCBITS_WRITE_GOLDEN=/abs/path/tests/Golden dotnet test tests/Engine.Systems.Tests -c Release
//   --filter "FullyQualifiedName~FlowGoldenWriter"   (an existing file is never rewritten).
using System.Buffers.Binary;
using Engine.Ans.Messages;
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Golden;

/// <summary>One committed flow message: its model, options and data.</summary>
public sealed record FlowGoldenCase(string Name, int Dims, int Layers, int Index, FlowOptions Options, int Units, int DataSeed)
{
    public ToyCif Model => new(Dims, Layers, Index, seed: (ulong)(Dims * 100 + Layers * 10 + Index));

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Golden", "flows-v4");

    public static IReadOnlyList<FlowGoldenCase> All { get; } =
    [
        new("cif2x3-bitswap-b1", 2, 3, 1, new FlowOptions { Coder = FlowCoderKind.BitSwap, Seed = 5, FormatVersion = 4 }, 40, 1),
        new("cif2x3-naive-b3", 2, 3, 1, new FlowOptions { Coder = FlowCoderKind.Naive, Chains = 3, Seed = 6, FormatVersion = 4 }, 40, 2),
        new("cif4x2u2-is8-b2", 4, 2, 2, new FlowOptions { Coder = FlowCoderKind.ImportanceSampling, Particles = 8, Chains = 2, Seed = 7, FormatVersion = 4 }, 30, 3),
        new("cif4x2u2-cis8-b2", 4, 2, 2, new FlowOptions { Coder = FlowCoderKind.CoupledImportanceSampling, Particles = 8, Chains = 2, Seed = 10, FormatVersion = 4 }, 30, 6),
        new("flow4x2-bitswap-b2", 4, 2, 0, new FlowOptions { Coder = FlowCoderKind.BitSwap, Chains = 2, Seed = 8, FormatVersion = 4 }, 30, 4),
        new("cif3x2-bitswap-coarse-b1", 3, 2, 1, new FlowOptions { SigmaBits = 8, GridBits = 12, IndexGridBits = 10, DequantBits = 4, Seed = 9, FormatVersion = 4 }, 30, 5),
    ];

    public override string ToString() => Name;
}

public class FlowGoldenTests
{
    private static IEnumerable<FlowGoldenCase> Cases => FlowGoldenCase.All;

    [TestCaseSource(nameof(Cases))]
    public void MessageDecodesToItsInputAndReEncodesByteForByte(FlowGoldenCase c)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(FlowGoldenCase.Directory, c.Name + ".input"));
        byte[] committed = File.ReadAllBytes(Path.Combine(FlowGoldenCase.Directory, c.Name + ".mcb"));
        McbMessage message = McbMessageFile.Read(committed.AsMemory());
        Assert.That(FlowCodec.Decode(message, c.Model).Data, Is.EqualTo(input));
        Assert.That(McbMessageFile.ToBytes(FlowCodec.Encode(input, c.Model, c.Options).Message), Is.EqualTo(committed));
    }

    [TestCaseSource(nameof(Cases))]
    public void TheCurrentVersionIsTheVersion4TwinWithANewVersionByte(FlowGoldenCase c)
    {
        // Format version 5 changed only the VAE's latent grid: a flow message of today is its version-4 bytes with the version
        // byte and the frame checksum rewritten.
        byte[] input = File.ReadAllBytes(Path.Combine(FlowGoldenCase.Directory, c.Name + ".input"));
        byte[] v4 = File.ReadAllBytes(Path.Combine(FlowGoldenCase.Directory, c.Name + ".mcb"));
        byte[] now = McbMessageFile.ToBytes(FlowCodec.Encode(input, c.Model, c.Options with { FormatVersion = McbMessage.CurrentVersion }).Message);
        byte[] expected = (byte[])v4.Clone();
        expected[8] = McbMessage.CurrentVersion;
        BinaryPrimitives.WriteUInt64BigEndian(expected.AsSpan(v4.Length - 8), DataChecksum.Compute(expected.AsSpan(0, v4.Length - 9)));
        Assert.That(now, Is.EqualTo(expected));
        Assert.That(FlowCodec.Decode(McbMessageFile.Read(now.AsMemory()), c.Model).Data, Is.EqualTo(input));
    }
}

[Explicit("Writes golden files; run by hand once.")]
public class FlowGoldenWriter
{
    [Test]
    public void Write()
    {
        string? root = Environment.GetEnvironmentVariable("MCBITS_WRITE_GOLDEN");
        if (string.IsNullOrEmpty(root)) Assert.Ignore("Set MCBITS_WRITE_GOLDEN to the tests/Golden directory.");
        string dir = Path.Combine(root, "flows-v4");
        System.IO.Directory.CreateDirectory(dir);
        foreach (FlowGoldenCase c in FlowGoldenCase.All)
        {
            string message = Path.Combine(dir, c.Name + ".mcb"), inputPath = Path.Combine(dir, c.Name + ".input");
            if (File.Exists(message)) continue;
            byte[] input = c.Model.Sample(c.Units, c.DataSeed);
            File.WriteAllBytes(inputPath, input);
            File.WriteAllBytes(message, McbMessageFile.ToBytes(FlowCodec.Encode(input, c.Model, c.Options).Message));
        }
    }
}
