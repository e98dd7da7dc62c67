// compress without the traps a new user fell into: no silent default model (a toy-HMM file compressed as the
// mixture at 6.03 instead of 4.02 bits/symbol), no more chains than units (3,000 chains on 2,000 symbols gave
// 346 bits/symbol), BB-ELBO runs without -N (it needs one particle; the shared default of 16 made it fail), and
// "-" is standard input / output (it used to write a file named "-"). Each test fails on the behaviour before this change.
namespace Engine.Cli.Tests;

internal sealed class CompressTrapTests : CliHarness
{
    [Test]
    public void CompressWithoutAModelNamesTheChoices()
    {
        RunOk("sample", "-m", "toy-hmm", "--symbols", "100", "-o", P("hmm.bin"));
        CliResult r = Run("compress", P("hmm.bin"), "-o", P("hmm.mcb"));
        AssertCleanFailure(r, 1, P("hmm.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain("--model is required").And.Contain("toy-hmm").And.Contain("*.json").And.Contain("*.ckpt"));
    }

    [TestCase("toy-mixture", 2000, 3000, "symbols")]
    [TestCase("toy-hmm", 100, 11, "sequences")]
    public void MoreChainsThanUnitsIsAUsageError(string model, int symbols, int chains, string units)
    {
        RunOk("sample", "-m", model, "--symbols", symbols.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", P("d.bin"));
        CliResult r = Run("compress", P("d.bin"), "-o", P("d.mcb"), "-m", model, "-c", "bb-is", "-N", "2", "-B", chains.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AssertCleanFailure(r, 1, P("d.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain($"--chains {chains}").And.Contain(units));
        RunOk("compress", P("d.bin"), "-o", P("d.mcb"), "-m", model, "-c", "bb-is", "-N", "2", "-B", (symbols / (model == "toy-hmm" ? 10 : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public void BbElboNeedsNoParticleCount()
    {
        RunOk("sample", "-m", "toy-mixture", "--symbols", "200", "-o", P("d.bin"));
        CliResult c = RunOk("compress", P("d.bin"), "-o", P("d.mcb"), "-m", "toy-mixture", "-c", "bb-elbo");
        Assert.That(c.Out, Does.Contain("BB-ELBO N=1"));
        RunOk("decompress", P("d.mcb"), "-o", P("back.bin"));
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("d.bin"))));
        CliResult explicitN = Run("compress", P("d.bin"), "-o", P("e.mcb"), "-m", "toy-mixture", "-c", "bb-elbo", "-N", "4");
        AssertCleanFailure(explicitN, 1, P("e.mcb"));
        Assert.That(explicitN.ErrorLines[0], Does.Contain("Particles must be 1"), "an explicit -N is still checked");
    }

    [Test]
    public void DashIsStandardInputAndOutput()
    {
        RunOk("sample", "-m", "toy-hmm", "--symbols", "200", "-o", P("d.bin"));
        byte[] data = File.ReadAllBytes(P("d.bin"));
        string dashFile = Path.Combine(Environment.CurrentDirectory, "-");
        (int code, byte[] message, string report) = RunPiped(data, "compress", "-", "-m", "toy-hmm", "-c", "bb-smc", "-N", "4");
        Assert.That(code, Is.Zero, report);
        Assert.That(report, Does.Contain("- -> -: 200 symbols"), "the report goes to standard error");
        Assert.That(File.Exists(dashFile), Is.False, "no file named '-'");
        Assert.That(Engine.Ans.Messages.McbMessageFile.Read(new MemoryStream(message)).Model, Does.StartWith("hmm"), "a message on standard output");
        (code, byte[] back, report) = RunPiped(message, "decompress", "-", "-o", "-");
        Assert.That(code, Is.Zero, report);
        Assert.That(back, Is.EqualTo(data));
        Assert.That(File.Exists(dashFile), Is.False);
        (code, _, report) = RunPiped(new byte[100], "decompress", "-");
        Assert.That(code, Is.EqualTo(10), report + ": zeros on standard input are not a message (bad magic)");
    }

    [TestCase("sample")]
    [TestCase("sweep")]
    [TestCase("profile")]
    public void NoShortFlagDiffersFromAnotherByCaseOnly(string command)
    {
        // -N is the particle count; the symbol count is spelled out (--symbols), so "-n 16" cannot be mistaken for it.
        CliResult r = Run(command, "-n", "16", "-o", P("x"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Error, Does.Contain("-n"));
    }

    private static (int Code, byte[] Stdout, string Stderr) RunPiped(byte[] stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var input = new MemoryStream(stdin);
        using var stdout = new MemoryStream();
        int code = Program.Run(args, output, error, input, stdout);
        Assert.That(output.ToString(), Is.Empty, "nothing but data on standard output");
        return (code, stdout.ToArray(), error.ToString());
    }
}
