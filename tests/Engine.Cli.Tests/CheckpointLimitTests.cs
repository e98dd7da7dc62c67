// Issue 10, checkpoints: a checkpoint whose header declares an absurd or inconsistent network shape
// (hidden = 2^31-1, pixels = 2^31-1, latents = 2^30, or hidden = 12,000 over ~100 KB of tensors) must be
// refused from its header and byte lengths alone — one error line, exit 2, no output, small peak RSS —
// before libtorch is asked to build anything. The files are crafted here without libtorch.
using System.Buffers.Binary;
using System.Text;
using Engine.Cli.Infrastructure;

namespace Engine.Cli.Tests;

[NonParallelizable]
internal sealed class CheckpointLimitTests : CliHarness
{
    [TestCase(784, int.MaxValue, 50, 107_000)]
    [TestCase(int.MaxValue, 200, 50, 107_000)]
    [TestCase(784, 200, 1 << 30, 107_000)]
    [TestCase(784, 12_000, 50, 107_000)]
    [TestCase(784, 4000, 50, 107_000)] // in bounds, but 107 KB cannot hold its 48 MB of weights
    [TestCase(784, 16, 4, 20_000)]     // a tiny network, but fewer bytes than its 106,592 of weights
    public void AbsurdOrInconsistentShapeIsOneTypedErrorLine(int pixels, int hidden, int latents, int stateBytes)
    {
        string ckpt = P("crafted.ckpt");
        File.WriteAllBytes(ckpt, Crafted(pixels, hidden, latents, stateBytes));
        File.WriteAllBytes(P("images.idx"), new byte[16]);
        ChildResult r = ChildMcbits.Run("compress", P("images.idx"), "-o", P("out.mcb"), "--model", ckpt);
        TestContext.Out.WriteLine($"peak {r.PeakMB:F1} MB, {r.Seconds:F2} s: {r.Error.Trim()}");
        Assert.That(r.ExitCode, Is.EqualTo(ExitCodes.Failed), r.ToString());
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1), r.ToString());
        Assert.That(r.ErrorLines[0], Does.StartWith("mcbits: error: ").And.Contain("not a usable VAE checkpoint").And.Contain("shape"));
        Assert.That(r.PeakMB, Is.GreaterThan(0).And.LessThan(300), r.ToString());
        Assert.That(File.Exists(P("out.mcb")), Is.False);
    }

    [Test]
    public void DecompressWithACraftedCheckpointIsOneTypedErrorLine()
    {
        RunOk("sample", "--symbols", "10", "-o", P("d.bin"));
        File.WriteAllBytes(P("crafted.ckpt"), Crafted(784, 12_000, 50, 107_000));
        CliResult r = Run("compress", P("d.bin"), "-o", P("out.mcb"), "--model", P("crafted.ckpt"));
        AssertCleanFailure(r, ExitCodes.Failed, P("out.mcb"));
    }

    // Magic, header JSON with the given shape, then stateBytes random bytes as the "state dict".
    private static byte[] Crafted(int pixels, int hidden, int latents, int stateBytes)
    {
        string json = $$"""{"Format":"mcbits-vae/1","Shape":{"Pixels":{{pixels}},"Hidden":{{hidden}},"Latents":{{latents}}},"Fingerprint":"{{new string('a', 64)}}","Classes":"0-4"}""";
        byte[] header = Encoding.UTF8.GetBytes(json);
        var state = new byte[stateBytes];
        new Random(1).NextBytes(state);
        var file = new MemoryStream();
        file.Write("MCBVAE\u0001\n"u8);
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(word, header.Length);
        file.Write(word[..4]);
        file.Write(header);
        BinaryPrimitives.WriteInt64LittleEndian(word, state.Length);
        file.Write(word);
        file.Write(state);
        return file.ToArray();
    }
}
