// mcbits train cif / compress / decompress with a CIF checkpoint, end to end through the command tree on TinyFashion's
// synthetic 8-bit images: a tiny CIF trained by the command itself codes the IDX file with every flow coder and decompress
// writes back exactly the same pixels; an encode and a decode in two separate processes agree (the numeric backend they
// record is the same one-thread libtorch); another checkpoint is refused as the wrong model (exit 16), and the flow-only
// grid options are refused for other models (exit 1).
using System.Buffers.Binary;
using System.Globalization;

namespace Engine.Cli.Tests.Vae;

internal sealed class CifCommandTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    private static readonly Lazy<(string A, string B)> Models = new(() =>
    {
        string a = Path.Combine(Fashion.Directory, "cif-a.ckpt"), b = Path.Combine(Fashion.Directory, "cif-b.ckpt");
        foreach ((string path, string seed) in new[] { (a, "1"), (b, "2") })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = Program.Run(["train", "cif", "--data", Fashion.DataDirectory, "--layers", "2", "--hidden", "8", "--index", "2", "--epochs", "1",
                "--batch", "50", "--train-limit", "200", "--eval-limit", "20", "--lr", "0.003", "--seed", seed, "--out", path], output, error);
            if (code != 0) throw new InvalidOperationException($"train cif failed with {code}: {error}");
        }
        return (a, b);
    });

    private static byte[] ExpectedIdx(int count)
    {
        int d = TinyFashion.Side * TinyFashion.Side;
        var bytes = new byte[16 + count * d];
        bytes[2] = 8;
        bytes[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), TinyFashion.Side);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), TinyFashion.Side);
        Fashion.Pixels.AsSpan(0, count * d).CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    [TestCase("lbb-bitswap", 1, 1)]
    [TestCase("lbb-naive", 1, 3)]
    [TestCase("lbb-is", 3, 2)]
    [TestCase("lbb-cis", 4, 2)]
    public void CompressDecompressGivesTheImagesBack(string coder, int n, int chains)
    {
        CliResult c = RunOk("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Models.Value.A, "--coder", coder,
            "-N", n.ToString(CultureInfo.InvariantCulture), "-B", chains.ToString(CultureInfo.InvariantCulture));
        Assert.That(c.Out, Does.Contain($"{TinyFashion.ImageCount} images (cif 28x28 L=2 H=8 U=2"));
        Assert.That(c.Out, Does.Match(@"net \d+\.\d{4} bits/dim \(own estimate \d+\.\d{4}\)"));
        CliResult d = RunOk("decompress", P("m.mcb"), "-o", P("back.idx"), "--model", Models.Value.A);
        Assert.That(d.Out, Does.Contain("verified model fingerprint, network backend"));
        Assert.That(File.ReadAllBytes(P("back.idx")), Is.EqualTo(ExpectedIdx(TinyFashion.ImageCount)));
    }

    [Test]
    public void AnEncodeAndADecodeInSeparateProcessesAgree()
    {
        ChildResult c = ChildMcbits.Run("compress", Fashion.Images, "-o", P("child.mcb"), "--model", Models.Value.A, "-c", "lbb-is", "-N", "2", "-B", "2",
            "--images", "4", "--sigma-bits", "12");
        Assert.That(c.ExitCode, Is.Zero, c.ToString());
        ChildResult d = ChildMcbits.Run("decompress", P("child.mcb"), "-o", P("child.idx"), "--model", Models.Value.A);
        Assert.That(d.ExitCode, Is.Zero, d.ToString());
        Assert.That(File.ReadAllBytes(P("child.idx")), Is.EqualTo(ExpectedIdx(4)));
    }

    [Test]
    public void AnotherCheckpointIsTheWrongModel()
    {
        RunOk("compress", Fashion.Images, "-o", P("a.mcb"), "--model", Models.Value.A, "--images", "2");
        CliResult other = Run("decompress", P("a.mcb"), "-o", P("x.idx"), "--model", Models.Value.B);
        Assert.That(other.ExitCode, Is.EqualTo(16), other.ToString());
        CliResult vae = Run("decompress", P("a.mcb"), "-o", P("y.idx"), "--model", Fashion.ModelA);
        Assert.That(vae.ExitCode, Is.EqualTo(2), vae.ToString());
        Assert.That(File.Exists(P("x.idx")) || File.Exists(P("y.idx")), Is.False);
    }

    [Test]
    public void GridOptionsAreForCifCheckpointsOnly()
    {
        Assert.That(Run("compress", Fashion.Images, "-o", P("v.mcb"), "--model", Fashion.ModelA, "--sigma-bits", "10").ExitCode, Is.EqualTo(1));
        Assert.That(Run("compress", Fashion.Images, "-o", P("c.mcb"), "--model", Models.Value.A, "--coder", "bb-is").ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void TheFashionCifSweepWritesItsTableAndChecksEveryRoundTrip()
    {
        CliResult r = RunOk("sweep", "--preset", "fashion-cif", "--cif-model", Models.Value.A, "--data", Fashion.DataDirectory, "--images", "4", "-B", "2",
            "--particles", "1,2", "-o", P("sweep"));
        foreach (string file in new[] { "runs.csv", "sigma.csv", "initial.csv", "table.md", "net.png", "initial.png" }) Assert.That(File.Exists(Path.Combine(P("sweep"), file)), file);
        string[] runs = File.ReadAllLines(Path.Combine(P("sweep"), "runs.csv"));
        Assert.That(runs, Has.Length.EqualTo(1 + 2 * 6), "Bit-Swap, naive, IS(1), IS(2), CIS(1), CIS(2) on both sides");
        Assert.That(runs.Skip(1).All(l => l.EndsWith(",true", StringComparison.Ordinal)), Is.True, string.Join("\n", runs));
        Assert.That(r.Out, Does.Contain("| LBB-IS(2) | classes 5-9 |"));
        Assert.That(r.Out, Does.Contain("| LBB-CIS(2) | classes 0-4 |"));
        string[] initial = File.ReadAllLines(Path.Combine(P("sweep"), "initial.csv"));
        double[] bitSwap = initial.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        double[] naive = initial.Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.That(bitSwap.Max() - bitSwap.Min(), Is.LessThan(200), "Bit-Swap's initial bits are flat in L");
        Assert.That(naive[^1], Is.GreaterThan(naive[0] * 3), "the naive order's grow with L");
        Assert.That(Run("sweep", "--preset", "fashion-cif", "--cif-model", Models.Value.A, "--vae-model", Fashion.ModelA).ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void TheToy2dSweepTrainsCodesAndDraws()
    {
        CliResult r = RunOk("sweep", "--preset", "toy2d-cif", "--density", "gaussians8", "--epochs", "1", "--train-points", "1000", "--points", "60",
            "-B", "3", "-N", "1,2", "-o", P("toy2d"));
        foreach (string file in new[] { "runs.csv", "table.md", "density.png" }) Assert.That(File.Exists(Path.Combine(P("toy2d"), file)), file);
        string[] runs = File.ReadAllLines(Path.Combine(P("toy2d"), "runs.csv"));
        Assert.That(runs, Has.Length.EqualTo(1 + 2 + 2 * 2), "flow and CIF Bit-Swap, IS and CIS at N = 1, 2");
        Assert.That(runs.Skip(1).All(l => l.EndsWith(",true", StringComparison.Ordinal)), Is.True, string.Join("\n", runs));
        Assert.That(r.Out, Does.Contain("| CIF | LBB-CIS(2) |"));
        Assert.That(File.ReadAllBytes(Path.Combine(P("toy2d"), "density.png")).AsSpan(1, 3).SequenceEqual("PNG"u8), Is.True);
        Assert.That(Run("sweep", "--preset", "toy2d-cif", "--density", "spiral").ExitCode, Is.EqualTo(1));
        Assert.That(Run("sweep", "--preset", "toy2d-cif", "--cif-model", Models.Value.A).ExitCode, Is.EqualTo(1));
    }
}
