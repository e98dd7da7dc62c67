// Issue 10, resources: mcbits run as a child process on endless or huge inputs and on small messages that
// claim huge work or memory (frame re-sealed, so only the limits can stop them). Each must give one typed
// error line, its exit code, no output file, and stay under a peak resident set of 100 MB (foreign
// streams: rejected after the sniff) or 300 MB (everything else); 60 s is only a hang guard. An honest
// message still decodes in the child.
using Engine.Ans.Messages;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Tests;

[NonParallelizable]
internal sealed class ResourceBoundTests : CliHarness
{
    private const double ForeignStreamMB = 100;
    private const double BoundedMB = 300;
    private static readonly int LimitExceeded = ExitCodes.ForMessage(McbErrorKind.LimitExceeded);

    [TestCase("/dev/zero")]
    [TestCase("/dev/urandom")]
    public void EndlessDeviceIsRefusedAfterAFewBytes(string device)
    {
        ChildResult r = ChildMcbits.Run("decompress", device, "-o", P("out.bin"));
        AssertTyped(r, ExitCodes.ForMessage(McbErrorKind.BadMagic), ForeignStreamMB);
    }

    [Test]
    public void OneGibibyteRandomFileIsRefusedAfterAFewBytes()
    {
        string path = P("big.mcb");
        using (var f = new FileStream(path, FileMode.CreateNew))
        {
            var head = new byte[1 << 16];
            new Random(3).NextBytes(head);
            head[0] = 0x00; // not a MessagePack array (a random first byte could be one)
            f.Write(head);
            f.SetLength(1L << 30); // the rest is a hole: 1 GiB on paper, nothing on disk
        }
        ChildResult r = ChildMcbits.Run("decompress", path, "-o", P("out.bin"));
        AssertTyped(r, ExitCodes.ForMessage(McbErrorKind.BadMagic), ForeignStreamMB);
    }

    [Test]
    public void MillionChainClaimIsRefusedByTheParser()
    {
        McbMessage m = Claim(Honest("bb-is", "toy-mixture"), chains: 1 << 17, particles: 1, symbolsPerChain: 0, tailBytes: 0);
        File.WriteAllBytes(P("claim.mcb"), McbMessageFile.ToBytes(m));
        ChildResult r = ChildMcbits.Run("decompress", P("claim.mcb"), "-o", P("out.bin"));
        AssertTyped(r, LimitExceeded, BoundedMB);
        Assert.That(r.ErrorLines[0], Does.Contain("65536"));
    }

    [Test]
    public void CsmcClaimOfFourMillionLiveParticlesIsRefusedBeforeDecoding()
    {
        // The 51 KB message: 1,024 chains of BB-CSMC at N = 4,096 (1.16 GB before this change).
        McbMessage m = Claim(Honest("bb-csmc", "toy-hmm"), chains: 1024, particles: 4096, symbolsPerChain: 10, tailBytes: 48);
        File.WriteAllBytes(P("claim.mcb"), McbMessageFile.ToBytes(m));
        Assert.That(new FileInfo(P("claim.mcb")).Length, Is.LessThan(80_000));
        ChildResult r = ChildMcbits.Run("decompress", P("claim.mcb"), "-o", P("out.bin"));
        AssertTyped(r, LimitExceeded, BoundedMB);
        Assert.That(r.ErrorLines[0], Does.Contain("live particles").And.Contain("--max-particles"));
    }

    [TestCase("bb-ais")]
    [TestCase("bb-cis")]
    [TestCase("bb-is")]
    public void SmallMessageClaimingHugeWorkIsRefusedBeforeDecoding(string coder)
    {
        // The 16 KB BB-AIS message at N = 4,096 with a random tail ran > 100 s.
        McbMessage m = Claim(Honest(coder, "toy-mixture"), chains: 1, particles: 4096, symbolsPerChain: 100_000, tailBytes: 16_000);
        File.WriteAllBytes(P("claim.mcb"), McbMessageFile.ToBytes(m));
        ChildResult r = ChildMcbits.Run("decompress", P("claim.mcb"), "-o", P("out.bin"));
        AssertTyped(r, LimitExceeded, BoundedMB);
        Assert.That(r.ErrorLines[0], Does.Contain("particle-steps").And.Contain("--max-work"));
    }

    [Test]
    public void CompressOfDevZeroNamesTheInputLimit()
    {
        ChildResult r = ChildMcbits.Run("compress", "/dev/zero", "-m", "toy-mixture", "-o", P("z.mcb"));
        AssertTyped(r, ExitCodes.Failed, BoundedMB, P("z.mcb"));
        Assert.That(r.ErrorLines[0], Does.Contain(InputLimits.MaxSymbols.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void SampleOfIntMaxSymbolsNamesTheLimit()
    {
        ChildResult r = ChildMcbits.Run("sample", "--symbols", "2147483647", "-o", P("s.bin"));
        AssertTyped(r, ExitCodes.Usage, BoundedMB, P("s.bin"));
        Assert.That(r.ErrorLines[0], Does.Contain("limit"));
    }

    [Test]
    public void HonestMessageStillDecodesInAChild()
    {
        Honest("bb-cis", "toy-mixture");
        ChildResult r = ChildMcbits.Run("decompress", P("honest.mcb"), "-o", P("back.bin"));
        Assert.That(r.ExitCode, Is.Zero, r.ToString());
        Assert.That(File.ReadAllBytes(P("back.bin")), Is.EqualTo(File.ReadAllBytes(P("data.bin"))));
        Assert.That(r.PeakMB, Is.LessThan(BoundedMB), r.ToString());
    }

    private void AssertTyped(ChildResult r, int code, double maxMB, string? output = null)
    {
        TestContext.Out.WriteLine($"peak {r.PeakMB:F1} MB, {r.Seconds:F2} s, exit {r.ExitCode}: {r.Error.Trim()}");
        Assert.That(r.ExitCode, Is.EqualTo(code), r.ToString());
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1), r.ToString());
        Assert.That(r.ErrorLines[0], Does.StartWith("mcbits: error: "));
        Assert.That(r.PeakMB, Is.GreaterThan(0).And.LessThan(maxMB), r.ToString());
        Assert.That(File.Exists(output ?? P("out.bin")), Is.False, "no output file");
        Assert.That(Directory.GetFiles(Dir, "*.tmp"), Is.Empty, "no temporary file");
    }

    // An honest message of the coder (the template for the claims), written to honest.mcb from data.bin.
    private McbMessage Honest(string coder, string model)
    {
        RunOk("sample", "-m", model, "--symbols", "200", "-o", P("data.bin"), "-f");
        RunOk("compress", P("data.bin"), "-o", P("honest.mcb"), "-m", model, "-c", coder, "-N", "4", "-f");
        return McbMessageFile.Read(P("honest.mcb"));
    }

    // The template's coder, model and parameters, claiming other counts, with random heads and tails.
    private static McbMessage Claim(McbMessage t, int chains, int particles, long symbolsPerChain, int tailBytes)
    {
        var rng = new Random(7);
        var parameters = new Dictionary<string, string>(t.CoderParameters, StringComparer.Ordinal) { ["particles"] = particles.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return new McbMessage
        {
            Coder = t.Coder, CoderParameters = parameters, Model = t.Model, ModelFingerprint = t.ModelFingerprint, Backend = t.Backend,
            SymbolCounts = Enumerable.Repeat(symbolsPerChain, chains).ToArray(),
            Seed = t.Seed,
            Heads = Enumerable.Range(0, chains).Select(_ => (1UL << 32) | (ulong)rng.NextInt64()).ToArray(),
            Tails = Enumerable.Range(0, chains).Select(_ => Enumerable.Range(0, tailBytes / 4).Select(_ => (uint)rng.Next()).ToArray()).ToArray(),
            DataChecksum = t.DataChecksum, Extra = t.Extra,
        };
    }
}
