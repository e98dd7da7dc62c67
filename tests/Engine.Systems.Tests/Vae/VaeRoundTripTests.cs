// Exact round trips of every VAE coder (BB-ELBO, BB-IS(N), BB-CIS(N)) on the tiny VAE: several chains
// with uneven runs, the message file in between, byte-identical re-encodes (also with the passes split over
// threads), and the rate ordering the bounds predict (more particles code closer to −log p(x)).
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vae;

public class VaeRoundTripTests
{
    private static CoderOptions Options(CoderKind kind, int n, int chains, ulong seed = 1) =>
        new() { Kind = kind, Particles = n, Chains = chains, Seed = seed };

    [TestCase(CoderKind.BbElbo, 1, 1)]
    [TestCase(CoderKind.BbElbo, 1, 3)]
    [TestCase(CoderKind.BbIs, 1, 3)]
    [TestCase(CoderKind.BbIs, 5, 1)]
    [TestCase(CoderKind.BbIs, 5, 4)]
    [TestCase(CoderKind.BbCis, 1, 3)]
    [TestCase(CoderKind.BbCis, 5, 1)]
    [TestCase(CoderKind.BbCis, 5, 4)]
    public void RoundTripsExactlyThroughTheMessageFile(CoderKind kind, int n, int chains)
    {
        BinaryImages images = TinyVae.Images(11);
        EncodeResult enc = VaeCodec.Encode(images, TinyVae.Model, Options(kind, n, chains));
        McbMessage read = McbMessageFile.Read(McbMessageFile.ToBytes(enc.Message));
        DecodeResult dec = VaeCodec.Decode(read, TinyVae.Model);
        Assert.That(dec.Data, Is.EqualTo(images.Bits));
        Assert.That(enc.Symbols, Is.EqualTo(images.Bits.Length));
        Assert.That(enc.Units, Is.EqualTo(11));
        Assert.That(enc.Message.SymbolCounts.Sum(), Is.EqualTo(images.Bits.Length));
        Assert.That(enc.Account.NetBits, Is.GreaterThan(0));
        Assert.That(VaeCodec.ImageShape(read), Is.EqualTo((8, 8)));
        Assert.That(VaeCodec.IsVaeMessage(read), Is.True);
    }

    [Test]
    public void ReEncodingWritesTheSameBytesAndSeedsDiffer()
    {
        BinaryImages images = TinyVae.Images(6);
        byte[] a = McbMessageFile.ToBytes(VaeCodec.Encode(images, TinyVae.Model, Options(CoderKind.BbIs, 5, 2)).Message);
        byte[] b = McbMessageFile.ToBytes(VaeCodec.Encode(images, TinyVae.Model, Options(CoderKind.BbIs, 5, 2)).Message);
        byte[] c = McbMessageFile.ToBytes(VaeCodec.Encode(images, TinyVae.Model, Options(CoderKind.BbIs, 5, 2, seed: 2)).Message);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(c));
    }

    [TestCase(CoderKind.BbIs, 3)]
    [TestCase(CoderKind.BbCis, 3)]
    public void ManyChainsSplitOverThreadsWriteTheOneThreadBytes(CoderKind kind, int n)
    {
        // 64+ chains split the passes over worker threads: the session's hooks then run per chain range (decode's model
        // pass runs the networks per range), and the message must not depend on it.
        BinaryImages images = TinyVae.Images(150, seed: 4);
        EncodeResult one = VaeCodec.Encode(images, TinyVae.Model, Options(kind, n, 70) with { Threads = 1 });
        EncodeResult two = VaeCodec.Encode(images, TinyVae.Model, Options(kind, n, 70) with { Threads = 2 });
        Assert.That(McbMessageFile.ToBytes(two.Message), Is.EqualTo(McbMessageFile.ToBytes(one.Message)));
        Assert.That(VaeCodec.Decode(two.Message, TinyVae.Model).Data, Is.EqualTo(images.Bits));
    }

    [Test]
    public void IlgpuCpuBackendWritesTheCpuBytes()
    {
        BinaryImages images = TinyVae.Images(4);
        using IRansBackend ilgpu = BackendFactory.Create(BackendKind.IlgpuCpu);
        foreach (CoderKind kind in new[] { CoderKind.BbIs, CoderKind.BbCis })
        {
            EncodeResult cpu = VaeCodec.Encode(images, TinyVae.Model, Options(kind, 3, 2));
            EncodeResult twin = VaeCodec.Encode(images, TinyVae.Model, Options(kind, 3, 2) with { Backend = ilgpu });
            Assert.That(twin.Message.Heads, Is.EqualTo(cpu.Message.Heads), kind.ToString());
            Assert.That(twin.Message.Tails, Is.EqualTo(cpu.Message.Tails), kind.ToString());
            Assert.That(VaeCodec.Decode(cpu.Message, TinyVae.Model, ilgpu).Data, Is.EqualTo(images.Bits), kind.ToString());
        }
    }

    [Test]
    public void MoreParticlesCodeCloserToTheLikelihood()
    {
        BinaryImages images = TinyVae.Images(60, seed: 21);
        double Net(CoderKind kind, int n) => VaeCodec.Encode(images, TinyVae.Model, Options(kind, n, 6)).NetBitsPerSymbol;
        double elbo = Net(CoderKind.BbElbo, 1), is8 = Net(CoderKind.BbIs, 8), cis8 = Net(CoderKind.BbCis, 8);
        Assert.That(is8, Is.LessThan(elbo), $"BB-IS(8) {is8:F4} vs BB-ELBO {elbo:F4} bits/dim");
        Assert.That(cis8, Is.LessThan(elbo), $"BB-CIS(8) {cis8:F4} vs BB-ELBO {elbo:F4} bits/dim");
    }

    [Test]
    public void CoupledInitialBitsStayFlatWhileIsGrows()
    {
        BinaryImages images = TinyVae.Images(2);
        double Initial(CoderKind kind, int n) => VaeCodec.Encode(images, TinyVae.Model, Options(kind, n, 1)).InitialBitsPerChain;
        double is1 = Initial(CoderKind.BbIs, 1), is16 = Initial(CoderKind.BbIs, 16);
        double cis1 = Initial(CoderKind.BbCis, 1), cis16 = Initial(CoderKind.BbCis, 16);
        Assert.That(is16, Is.GreaterThan(is1 + 64), "BB-IS pops N latent vectors before pushing anything");
        // BB-CIS pops one uniform per latent dimension whatever N; only the index j (< 32 bits) comes on top.
        Assert.That(cis16, Is.LessThanOrEqualTo(cis1 + 32), $"BB-CIS(16) {cis16:F1} vs BB-CIS(1) {cis1:F1} initial bits");
        Assert.That(cis16, Is.LessThan(is16));
    }
}
