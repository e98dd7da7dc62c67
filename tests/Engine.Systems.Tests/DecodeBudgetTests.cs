// DecodeBudget: the work and live particles it computes from a message's header, the typed refusal before any
// decoding (toy and VAE decoders both call it first), scoped raising, and the limits the parser shares with
// CoderOptions (one set of numbers, asserted equal here).
using Engine.Ans.Messages;
using Engine.Systems.Tests.Vae;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests;

public class DecodeBudgetTests
{
    [Test]
    public void ParserLimitsAreTheDecodersLimits()
    {
        Assert.That(McbReadLimits.DecoderMaxChains, Is.EqualTo(CoderOptions.MaxChains));
        Assert.That(McbReadLimits.DecoderMaxParticleEntities, Is.EqualTo(CoderOptions.MaxParticleEntities));
        Assert.That(McbReadLimits.Default.MaxChains, Is.EqualTo(CoderOptions.MaxChains));
        Assert.That(McbReadLimits.Default.MaxTotalSymbols, Is.LessThanOrEqualTo(Array.MaxLength));
    }

    [TestCase(CoderKind.BbIs, 8, 1)]
    [TestCase(CoderKind.BbAis, 8, DecodeBudget.AnnealedStepWeight)]
    [TestCase(CoderKind.BbAisBitSwap, 4, DecodeBudget.AnnealedStepWeight)]
    public void WorkIsSymbolsTimesParticlesTimesWeight(CoderKind kind, int n, int weight)
    {
        byte[] data = TestModels.Mixture.Sample(100, 1);
        McbMessage m = McBitsCodec.Encode(data, TestModels.Mixture, new CoderOptions { Kind = kind, Particles = n, Chains = 3 }).Message;
        DecodeNeed need = DecodeBudget.Measure(m)!.Value;
        Assert.That(need.Work, Is.EqualTo(100L * n * weight));
        Assert.That(need.LiveParticles, Is.EqualTo(3L * n));
        Assert.That(DecodeBudget.Default.Allows(m), Is.True);
    }

    [Test]
    public void OverBudgetIsLimitExceededAndAScopeRaisesIt()
    {
        byte[] data = TestModels.Hmm.Sample(20, 1);
        McbMessage m = McBitsCodec.Encode(data, TestModels.Hmm, new CoderOptions { Kind = CoderKind.BbSmc, Particles = 4, Chains = 2 }).Message;
        long work = DecodeBudget.WorkOf(m)!.Value;
        Assert.That(work, Is.EqualTo(200L * 4));
        using (DecodeBudget.Use(new DecodeBudget { MaxWork = work - 1 }))
        {
            var e = Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(m, TestModels.Hmm));
            Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
            using (DecodeBudget.Use(new DecodeBudget { MaxWork = work }))
                Assert.That(McBitsCodec.Decode(m, TestModels.Hmm), Is.EqualTo(data));
            Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(m, TestModels.Hmm), "the inner scope ended");
        }
        using (DecodeBudget.Use(new DecodeBudget { MaxLiveParticles = 7 }))
            Assert.That(Assert.Throws<McbFormatException>(() => McBitsCodec.Decode(m, TestModels.Hmm))!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
        Assert.That(McBitsCodec.Decode(m, TestModels.Hmm), Is.EqualTo(data));
    }

    [Test]
    public void VaeDecodeChecksTheBudgetFirst()
    {
        McbMessage m = VaeCodec.Encode(TinyVae.Images(6, 3), TinyVae.Model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 3, Chains = 2 }).Message;
        using (DecodeBudget.Use(new DecodeBudget { MaxWork = 1 }))
            Assert.That(Assert.Throws<McbFormatException>(() => VaeCodec.Decode(m, TinyVae.Model))!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
        Assert.That(VaeCodec.Decode(m, TinyVae.Model).Data, Is.Not.Empty);
    }

    [Test]
    public void HugeClaimsSaturateInsteadOfOverflowing()
    {
        var m = new McbMessage
        {
            Coder = "BB-AIS", Model = "x", CoderParameters = new Dictionary<string, string> { ["particles"] = "4096" },
            SymbolCounts = [long.MaxValue, long.MaxValue], Heads = [1UL << 40, 1UL << 40], Tails = [[], []],
        };
        Assert.That(DecodeBudget.Measure(m)!.Value.Work, Is.EqualTo(long.MaxValue));
        Assert.That(DecodeBudget.Unlimited.Allows(m), Is.True);
        Assert.That(DecodeBudget.Default.Allows(m), Is.False);
        m = new McbMessage { Coder = "BB-IS", Model = "x", SymbolCounts = [1], Heads = [1UL << 40], Tails = [[]] };
        Assert.That(DecodeBudget.Measure(m), Is.Null, "no particles parameter: left to the decoder");
    }
}
