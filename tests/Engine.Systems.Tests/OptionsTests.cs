// Bad use is refused before any work with a typed exception that says what is wrong.
using Engine.Models.Toy;

namespace Engine.Systems.Tests;

public class OptionsTests
{
    private static readonly byte[] Mixture = TestModels.Mixture.Sample(4, 1);

    [TestCase(CoderKind.BbIs, 0, 1, 16)]
    [TestCase(CoderKind.BbIs, 4097, 1, 16)]
    [TestCase(CoderKind.BbElbo, 2, 1, 16)]
    [TestCase(CoderKind.BbIs, 4, 0, 16)]
    [TestCase(CoderKind.BbIs, 4, 70000, 16)]
    [TestCase(CoderKind.BbIs, 64, 1, 5)]
    [TestCase(CoderKind.BbIs, 4096, 2048, 16)]
    [TestCase(CoderKind.BbIs, 4, 1, 32)]
    public void OutOfRangeOptionsThrow(CoderKind kind, int n, int chains, int weightPrecision) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.Encode(Mixture, TestModels.Mixture,
            new CoderOptions { Kind = kind, Particles = n, Chains = chains, WeightPrecision = weightPrecision }));

    [Test]
    public void CoupledCodersNeedAsManyUniformValuesAsParticles()
    {
        ToyModel coarse = TestModels.Get("hmm:r=6");
        byte[] data = coarse.Sample(1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.Encode(data, coarse, new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 128 }));
        Assert.DoesNotThrow(() => McBitsCodec.Encode(data, coarse, new CoderOptions { Kind = CoderKind.BbCsmc, Particles = 64 }));
        Assert.DoesNotThrow(() => McBitsCodec.Encode(data, coarse, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 128 }));
    }

    [TestCase(CoderKind.BbAis)]
    [TestCase(CoderKind.BbAisBitSwap)]
    public void AnnealedCodersRefuseMultiStepModels(CoderKind kind) =>
        Assert.Throws<NotSupportedException>(() => McBitsCodec.Encode(TestModels.Hmm.Sample(1, 1), TestModels.Hmm, new CoderOptions { Kind = kind, Particles = 4 }));

    [Test]
    public void DataMustFitTheModel()
    {
        Assert.Throws<ArgumentException>(() => McBitsCodec.Encode(new byte[15], TestModels.Hmm, new CoderOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => McBitsCodec.Encode(new byte[] { 3, 64 }, TestModels.Mixture, new CoderOptions()));
    }

    [Test]
    public void EmptyDataAndMoreChainsThanUnitsStillRoundTrip()
    {
        EncodeResult empty = McBitsCodec.Encode([], TestModels.Mixture, new CoderOptions { Kind = CoderKind.BbIs, Particles = 4, Chains = 3 });
        Assert.That(McBitsCodec.Decode(empty.Message, TestModels.Mixture), Is.Empty);
        Assert.That(empty.Account.NetBits, Is.EqualTo(0).Within(1e-9));
        EncodeResult sparse = McBitsCodec.Encode(Mixture, TestModels.Mixture, new CoderOptions { Kind = CoderKind.BbCis, Particles = 4, Chains = 9 });
        Assert.That(McBitsCodec.Decode(sparse.Message, TestModels.Mixture), Is.EqualTo(Mixture));
    }

    [Test]
    public void CoderNamesRoundTrip()
    {
        foreach (CoderKind kind in CoderNames.All)
        {
            Assert.That(CoderNames.Parse(CoderNames.ToName(kind)), Is.EqualTo(kind));
            Assert.That(CoderNames.Parse(kind.ToString().ToLowerInvariant()), Is.EqualTo(kind));
        }
        Assert.That(CoderNames.Parse("bb-ais-bitswap"), Is.EqualTo(CoderKind.BbAisBitSwap));
        Assert.Throws<FormatException>(() => CoderNames.Parse("BB-VAE"));
    }
}
