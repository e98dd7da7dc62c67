// What a VAE decode refuses: damaged state (typed McbFormatException, never a wrong image), another
// network (ModelMismatch), another numerical backend (ModelMismatch), doctored parameters (Corrupt); and
// what encode refuses: coders that do not run on a VAE, bad particle counts, images of another size.
using Engine.Ans.Messages;
using Engine.Models.Data;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vae;

public class VaeMessageCheckTests
{
    private static readonly CoderOptions Is5 = new() { Kind = CoderKind.BbIs, Particles = 5, Chains = 2 };

    private static McbMessage Encoded(CoderOptions? options = null) =>
        VaeCodec.Encode(TinyVae.Images(5), TinyVae.Model, options ?? Is5).Message;


    [TestCase(CoderKind.BbIs, 5)]
    [TestCase(CoderKind.BbCis, 5)]
    [TestCase(CoderKind.BbElbo, 1)]
    public void DamagedTailsOrHeadsFailTyped(CoderKind kind, int n)
    {
        McbMessage m = Encoded(new CoderOptions { Kind = kind, Particles = n, Chains = 2 });
        for (int w = 0; w < 6; w++)
        {
            uint[][] tails = m.Tails.Select(t => (uint[])t.Clone()).ToArray();
            int at = (w * 7) % tails[0].Length;
            tails[0][at] ^= 1u << (w * 5 % 32);
            var bad = new McbMessage
            {
                Coder = m.Coder, CoderParameters = m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
                Backend = m.Backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = tails,
                DataChecksum = m.DataChecksum, Extra = m.Extra,
            };
            var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(bad, TinyVae.Model), $"word {at}");
            Assert.That(e!.Kind, Is.AnyOf(McbErrorKind.Corrupt, McbErrorKind.StateMismatch, McbErrorKind.ChecksumMismatch));
        }
        ulong[] heads = (ulong[])m.Heads.Clone();
        heads[1] ^= 1UL << 40;
        var badHead = Copy(m, heads: heads);
        Assert.Throws<McbFormatException>(() => VaeCodec.Decode(badHead, TinyVae.Model));
    }

    [Test]
    public void AnotherNetworkIsAModelMismatch()
    {
        using var other = TinyVae.Other();
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Encoded(), other));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    [Test]
    public void AnotherNumericalBackendIsAModelMismatch()
    {
        McbMessage m = Encoded();
        var extra = new Dictionary<string, string> { [VaeCodec.ModelBackendKey] = "libtorch-cuda/float16" };
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, extra: extra), TinyVae.Model));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
        e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, extra: new Dictionary<string, string>()), TinyVae.Model));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    [TestCase("pixel_precision", "15")]
    [TestCase("latents", "5")]
    [TestCase("rows", "4")]
    [TestCase("particles", "x")]
    [TestCase("particles", "0")]
    [TestCase("prior_bits", "13")]
    [TestCase("prior_bits", "7")]
    [TestCase("proposal_precision", "17")]
    [TestCase("proposal_precision", "25")]
    [TestCase("latent_point", "median")]
    public void DoctoredParametersAreCorrupt(string key, string value)
    {
        McbMessage m = Encoded();
        var p = new Dictionary<string, string>(m.CoderParameters) { [key] = value };
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, parameters: p), TinyVae.Model));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
    }

    [Test]
    public void AMissingLatentPointIsCorruptAndAnOldVersionMayNotNameOne()
    {
        McbMessage m = Encoded();
        var p = new Dictionary<string, string>(m.CoderParameters);
        p.Remove("latent_point");
        Assert.That(Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, parameters: p), TinyVae.Model))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));

        McbMessage v4 = VaeCodec.Encode(TinyVae.Images(5), TinyVae.Model, Is5 with { FormatVersion = 4 }).Message;
        Assert.That(v4.CoderParameters.ContainsKey("latent_point"), Is.False);
        Assert.That((v4.CoderParameters["prior_bits"], v4.CoderParameters["proposal_precision"]), Is.EqualTo(("8", "16")));
        var named = new Dictionary<string, string>(v4.CoderParameters) { ["latent_point"] = "midpoint" };
        var old = new McbMessage
        {
            Coder = v4.Coder, CoderParameters = named, Model = v4.Model, ModelFingerprint = v4.ModelFingerprint, Backend = v4.Backend,
            SymbolCounts = v4.SymbolCounts, Seed = v4.Seed, Heads = v4.Heads, Tails = v4.Tails, DataChecksum = v4.DataChecksum, Extra = v4.Extra,
            FormatVersion = 4,
        };
        Assert.That(Assert.Throws<McbFormatException>(() => VaeCodec.Decode(old, TinyVae.Model))!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
    }

    [Test]
    public void AnotherValidGridNeverDecodesSilently()
    {
        // Rewriting the grid to another one a message could record (10 bits, midpoints) decodes with other tables: the state or
        // the checksum catches it.
        McbMessage m = Encoded();
        var p = new Dictionary<string, string>(m.CoderParameters) { ["prior_bits"] = "10", ["proposal_precision"] = "18", ["latent_point"] = "midpoint" };
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, parameters: p), TinyVae.Model));
        Assert.That(e!.Kind, Is.AnyOf(McbErrorKind.Corrupt, McbErrorKind.StateMismatch, McbErrorKind.ChecksumMismatch));
    }

    [Test]
    public void OldVersionsTakeOnlyTheCoarseGridAndTooManyChainsOfFineRowsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            VaeCodec.Encode(TinyVae.Images(5), TinyVae.Model, Is5 with { FormatVersion = 4 }, Engine.Models.Neural.VaeLatentGrid.Default));
        // 4 latents x 1024 buckets (the default grid): more than 2^26 / 4096 = 16384 chains of proposal rows do not fit one table.
        McbMessage m = Encoded();
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, heads: new ulong[20000], counts: new long[20000]), TinyVae.Model));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
        Assert.That(e.Message, Does.Contain("buckets of proposal rows"));
    }

    [Test]
    public void AFineGridsProposalWorkCountsAgainstTheDecodeBudget()
    {
        // 5 images x 64 pixels = 320 particle-steps of pixels; on 2^12 buckets the proposal rows add 5 x 4 x 4096 / 40 = 2048.
        var options = new CoderOptions { Kind = CoderKind.BbElbo, Particles = 1 };
        McbMessage fine = VaeCodec.Encode(TinyVae.Images(5), TinyVae.Model, options, Engine.Models.Neural.VaeLatentGrid.Of(12, Engine.Models.Neural.LatentPoint.Centroid)).Message;
        using (DecodeBudget.Use(new DecodeBudget { MaxWork = 1000 }))
        {
            var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(fine, TinyVae.Model));
            Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
            Assert.That(e.Message, Does.Contain("4096 buckets"));
        }
        using (DecodeBudget.Use(new DecodeBudget { MaxWork = 2368 }))
            Assert.That(VaeCodec.Decode(fine, TinyVae.Model).Data, Is.EqualTo(TinyVae.Images(5).Bits));
    }

    [Test]
    public void WrongPixelCountsAreCorrupt()
    {
        McbMessage m = Encoded();
        long[] counts = (long[])m.SymbolCounts.Clone();
        counts[0] += 64;
        var e = Assert.Throws<McbFormatException>(() => VaeCodec.Decode(Copy(m, counts: counts), TinyVae.Model));
        Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.Corrupt));
    }

    [Test]
    public void EncodeRefusesBadUse()
    {
        BinaryImages images = TinyVae.Images(3);
        Assert.Throws<NotSupportedException>(() => VaeCodec.Encode(images, TinyVae.Model, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeCodec.Encode(images, TinyVae.Model, new CoderOptions { Kind = CoderKind.BbElbo, Particles = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeCodec.Encode(images, TinyVae.Model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaeCodec.Encode(images, TinyVae.Model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 8, WeightPrecision = 2 }));
        var small = new BinaryImages(4, 4, new byte[32], new byte[2], [0, 1]);
        Assert.Throws<ArgumentException>(() => VaeCodec.Encode(small, TinyVae.Model, Is5));
        Assert.Throws<ArgumentException>(() => VaeCodec.Encode(images.Take(0), TinyVae.Model, Is5));
    }

    private static McbMessage Copy(McbMessage m, ulong[]? heads = null, IReadOnlyDictionary<string, string>? extra = null,
        IReadOnlyDictionary<string, string>? parameters = null, long[]? counts = null) => new()
    {
        Coder = m.Coder, CoderParameters = parameters ?? m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
        Backend = m.Backend, SymbolCounts = counts ?? m.SymbolCounts, Seed = m.Seed, Heads = heads ?? m.Heads, Tails = m.Tails,
        DataChecksum = m.DataChecksum, Extra = extra ?? m.Extra,
    };
}
