// mcbits compress / decompress with a VAE checkpoint, end to end through the command tree: an IDX file of
// grey images goes in, a .mcb comes out, and decompress writes back exactly the checkpoint's binarisation
// of those images as 0 / 255 bytes (plain IDX, or gzip when the target ends in .gz), for every coder that
// runs on a VAE; --images keeps the first N images; compressing the decompressed file gives the same message.
using System.Globalization;
using System.IO.Compression;

namespace Engine.Cli.Tests.Vae;

internal sealed class VaeRoundTripTests : CliHarness
{
    private static TinyFashion Fashion => TinyFashion.Instance;

    [TestCase("bb-elbo", 1, 1)]
    [TestCase("bb-is", 3, 2)]
    [TestCase("bb-cis", 4, 3)]
    public void CompressDecompressGivesTheBinarisedImages(string coder, int n, int chains)
    {
        CliResult c = RunOk("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Fashion.ModelA, "--coder", coder,
            "-N", n.ToString(CultureInfo.InvariantCulture), "-B", chains.ToString(CultureInfo.InvariantCulture));
        Assert.That(c.Out, Does.Contain($"{TinyFashion.ImageCount} images of 28x28"));
        Assert.That(c.Out, Does.Match(@"net \d+\.\d{4} bits/dim, total \d+\.\d{4} bits/dim"));
        double net = double.Parse(System.Text.RegularExpressions.Regex.Match(c.Out, @"net (\d+\.\d+) bits/dim").Groups[1].Value, CultureInfo.InvariantCulture);
        // The 3-epoch model's bound on these 12 images is near 1 bit/pixel (BB-ELBO measured 1.003 with format 5's clean draws, a
        // little below 1 with format 4's); a coder that lost its model would be far above.
        Assert.That(net, Is.InRange(0.01, 1.2), "a trained model codes its own kind of image at about its bound");

        CliResult d = RunOk("decompress", P("m.mcb"), "-o", P("back.idx"), "--model", Fashion.ModelA);
        Assert.That(d.Out, Does.Contain("verified model fingerprint"));
        Assert.That(File.ReadAllBytes(P("back.idx")), Is.EqualTo(Fashion.ExpectedIdx(TinyFashion.ImageCount)));
    }

    [Test]
    public void TheLatentGridIsAnOptionTheMessageRecords()
    {
        RunOk("compress", Fashion.Images, "-o", P("coarse.mcb"), "--model", Fashion.ModelA, "--coder", "bb-cis", "-N", "3",
            "--latent-bits", "8", "--latent-point", "midpoint", "--proposal-bits", "16");
        var message = Engine.Ans.Messages.McbMessageFile.Read(P("coarse.mcb"));
        Assert.That((message.CoderParameters["prior_bits"], message.CoderParameters["proposal_precision"], message.CoderParameters["latent_point"]),
            Is.EqualTo(("8", "16", "midpoint")));
        RunOk("decompress", P("coarse.mcb"), "-o", P("coarse.idx"), "--model", Fashion.ModelA);
        Assert.That(File.ReadAllBytes(P("coarse.idx")), Is.EqualTo(Fashion.ExpectedIdx(TinyFashion.ImageCount)));

        RunOk("compress", Fashion.Images, "-o", P("default.mcb"), "--model", Fashion.ModelA, "--coder", "bb-elbo");
        var fine = Engine.Ans.Messages.McbMessageFile.Read(P("default.mcb"));
        Assert.That((fine.CoderParameters["prior_bits"], fine.CoderParameters["proposal_precision"], fine.CoderParameters["latent_point"]),
            Is.EqualTo(("10", "24", "centroid")));

        foreach (string[] bad in new[] { new[] { "--latent-bits", "13" }, new[] { "--latent-bits", "12", "--proposal-bits", "19" }, new[] { "--latent-point", "mean" } })
        {
            CliResult r = Run(["compress", Fashion.Images, "-o", P("bad.mcb"), "--model", Fashion.ModelA, .. bad]);
            Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
            Assert.That(File.Exists(P("bad.mcb")), Is.False);
        }
        CliResult toy = Run("compress", Fashion.Images, "-o", P("toy.mcb"), "--model", "toy-mixture", "--latent-bits", "10");
        Assert.That(toy.ExitCode, Is.EqualTo(1), toy.ToString());
        Assert.That(toy.Error, Does.Contain("--latent-bits is for VAE checkpoints"));
    }

    [Test]
    public void ImagesOptionKeepsTheFirstN()
    {
        RunOk("compress", Fashion.Images, "-o", P("five.mcb"), "--model", Fashion.ModelA, "--coder", "bb-is", "-N", "2", "--images", "5");
        RunOk("decompress", P("five.mcb"), "-o", P("five.idx"), "--model", Fashion.ModelA);
        Assert.That(File.ReadAllBytes(P("five.idx")), Is.EqualTo(Fashion.ExpectedIdx(5)));
        RunOk("compress", Fashion.Images, "-o", P("all.mcb"), "--model", Fashion.ModelA, "--coder", "bb-is", "-N", "2", "--images", "1000");
        Assert.That(new FileInfo(P("all.mcb")).Length, Is.GreaterThan(new FileInfo(P("five.mcb")).Length), "more images than the file holds: all of them");
    }

    [Test]
    public void GzipTargetIsGzipAndRecompressesToTheSameMessage()
    {
        RunOk("compress", Fashion.Images, "-o", P("m.mcb"), "--model", Fashion.ModelA, "--coder", "bb-cis", "-N", "2", "-B", "2");
        RunOk("decompress", P("m.mcb"), "-o", P("back.idx.gz"), "--model", Fashion.ModelA);
        byte[] gz = File.ReadAllBytes(P("back.idx.gz"));
        Assert.That(gz[..2], Is.EqualTo(new byte[] { 0x1F, 0x8B }), "a .gz target is written gzip-compressed");
        using (var unzip = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress))
        using (var plain = new MemoryStream())
        {
            unzip.CopyTo(plain);
            Assert.That(plain.ToArray(), Is.EqualTo(Fashion.ExpectedIdx(TinyFashion.ImageCount)));
        }
        // 0 stays 0 and 255 stays 1 under the checkpoint's binarisation, so the decoded file codes identically.
        RunOk("compress", P("back.idx.gz"), "-o", P("again.mcb"), "--model", Fashion.ModelA, "--coder", "bb-cis", "-N", "2", "-B", "2");
        Assert.That(File.ReadAllBytes(P("again.mcb")), Is.EqualTo(File.ReadAllBytes(P("m.mcb"))));
    }

    [Test]
    public void DefaultOutputNamesFollowTheInput()
    {
        File.Copy(Fashion.Images, P("pics.idx"));
        RunOk("compress", P("pics.idx"), "--model", Fashion.ModelA, "--coder", "bb-elbo", "-N", "1");
        Assert.That(File.Exists(P("pics.idx.mcb")), Is.True);
        File.Delete(P("pics.idx"));
        RunOk("decompress", P("pics.idx.mcb"), "--model", Fashion.ModelA);
        Assert.That(File.ReadAllBytes(P("pics.idx")), Is.EqualTo(Fashion.ExpectedIdx(TinyFashion.ImageCount)));
    }
}
