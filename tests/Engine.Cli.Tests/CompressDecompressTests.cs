// compress -> decompress round trips through files for every coder the command line names, on both toy
// models, and the input checks of compress (symbols outside the alphabet, partial HMM sequences,
// impossible coder options, an existing output without --force).
namespace Engine.Cli.Tests;

internal sealed class CompressDecompressTests : CliHarness
{
    private static readonly object[] MixtureCoders =
    [
        new object[] { "bb-elbo", 1, 1 }, new object[] { "bb-is", 8, 3 }, new object[] { "bb-cis", 16, 8 },
        new object[] { "bb-ais", 4, 2 }, new object[] { "BB-AIS-BitSwap", 4, 1 },
        new object[] { "bb-smc", 4, 2 }, new object[] { "bb-csmc", 4, 1 },
    ];

    private static readonly object[] HmmCoders =
    [
        new object[] { "bb-elbo", 1, 1 }, new object[] { "bb-smc", 8, 2 }, new object[] { "bb-sis", 4, 1 },
        new object[] { "bb-smc-adaptive", 8, 3 }, new object[] { "bb-csmc", 8, 2 }, new object[] { "bb-csmc-adaptive", 4, 1 },
        new object[] { "bb-is", 4, 1 }, new object[] { "bb-cis", 4, 2 },
    ];

    [TestCaseSource(nameof(MixtureCoders))]
    public void MixtureRoundTripsThroughFiles(string coder, int n, int chains) =>
        RoundTrip("toy-mixture", 300, coder, n, chains);

    [TestCaseSource(nameof(HmmCoders))]
    public void HmmRoundTripsThroughFiles(string coder, int n, int chains) =>
        RoundTrip("toy-hmm", 60, coder, n, chains);

    [Test]
    public void CompressReportsRatesAndDefaultNames()
    {
        RunOk("sample", "-m", "toy-mixture", "--symbols", "500", "-o", P("data.bin"));
        CliResult c = RunOk("compress", P("data.bin"), "-m", "toy-mixture", "-c", "bb-cis", "-N", "16", "--chains", "2", "--seed", "3");
        Assert.That(File.Exists(P("data.bin.mcb")), Is.True, "default output is <input>.mcb");
        Assert.That(c.Out, Does.Contain("net ").And.Contain("total ").And.Contain("bits/symbol").And.Contain("-log2 p(x)"));
        Assert.That(c.Out, Does.Contain("BB-CIS N=16, 2 chains, seed 3"));
        long bytes = new FileInfo(P("data.bin.mcb")).Length;
        Assert.That(c.Out, Does.Contain($"({bytes} bytes)"));

        // "data.bin.mcb" decodes to "data.bin" by default, which exists: refused without --force.
        CliResult refused = Run("decompress", P("data.bin.mcb"));
        AssertCleanFailure(refused, 2, null);
        Assert.That(refused.ErrorLines[0], Does.Contain("--force"));
        RunOk("decompress", P("data.bin.mcb"), "--force");
        Assert.That(File.ReadAllBytes(P("data.bin")), Has.Length.EqualTo(500));
    }

    [Test]
    public void CompressRejectsASymbolOutsideTheAlphabet()
    {
        File.WriteAllBytes(P("bad.bin"), [1, 2, 64, 3]);
        CliResult r = Run("compress", P("bad.bin"), "-m", "toy-mixture", "-o", P("bad.mcb"));
        AssertCleanFailure(r, 2, P("bad.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("byte 64 at offset 2").And.Contain("below 64"));
    }

    [Test]
    public void CompressRejectsAPartialHmmSequence()
    {
        File.WriteAllBytes(P("short.bin"), new byte[15]);
        CliResult r = Run("compress", P("short.bin"), "-m", "toy-hmm", "-c", "bb-smc", "-o", P("short.mcb"));
        AssertCleanFailure(r, 2, P("short.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("multiple of T = 10"));
    }

    [TestCase("bb-elbo", "4", "toy-mixture", "Particles must be 1")]
    [TestCase("bb-ais", "4", "toy-hmm", "steps per unit")]
    [TestCase("bb-is-adaptive", "4", "toy-mixture", "only BB-SMC and BB-CSMC")]
    [TestCase("bb-nope", "4", "toy-mixture", "Unknown coder")]
    [TestCase("bb-is", "0", "toy-mixture", "Particles must be in")]
    public void CompressRejectsImpossibleCoderOptions(string coder, string n, string model, string reason)
    {
        File.WriteAllBytes(P("d.bin"), new byte[10]);
        CliResult r = Run("compress", P("d.bin"), "-c", coder, "-N", n, "-m", model, "-o", P("d.mcb"));
        AssertCleanFailure(r, 1, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain(reason));
    }

    [Test]
    public void CompressOfAMissingFileFailsCleanly()
    {
        CliResult r = Run("compress", P("missing.bin"), "-m", "toy-mixture", "-o", P("m.mcb"));
        AssertCleanFailure(r, 2, P("m.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("missing.bin"));
    }

    [Test]
    public void AnUnknownModelIsAUsageError()
    {
        File.WriteAllBytes(P("d.bin"), new byte[10]);
        CliResult r = Run("compress", P("d.bin"), "-m", "toy-nope", "-o", P("d.mcb"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(File.Exists(P("d.mcb")), Is.False);
    }

    [Test]
    public void EmptyInputRoundTrips()
    {
        File.WriteAllBytes(P("empty.bin"), []);
        RunOk("compress", P("empty.bin"), "-m", "toy-mixture", "-o", P("empty.mcb"), "-c", "bb-is", "-N", "4");
        RunOk("decompress", P("empty.mcb"), "-o", P("back.bin"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.Empty);
    }

    private void RoundTrip(string model, int symbols, string coder, int n, int chains)
    {
        RunOk("sample", "-m", model, "--symbols", symbols.ToString(), "--seed", "5", "-o", P("data.bin"));
        CliResult c = RunOk("compress", P("data.bin"), "-o", P("data.mcb"), "-m", model, "-c", coder,
            "-N", n.ToString(), "--chains", chains.ToString(), "--seed", "7");
        Assert.That(c.Out, Does.Contain("bits/symbol"));
        CliResult d = RunOk("decompress", P("data.mcb"), "-o", P("back.bin"));
        Assert.That(d.Out, Does.Contain("verified"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("data.bin"))));
    }
}
