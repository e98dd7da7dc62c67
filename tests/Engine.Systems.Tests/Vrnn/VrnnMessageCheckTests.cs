// What a VRNN decode refuses: damaged state (typed McbFormatException, never wrong output), another network and another
// numerical backend (ModelMismatch), doctored parameters (Corrupt), a decode above the budget (LimitExceeded); and what encode
// refuses: the annealed coders, formats before 5, sequences of another width.
using Engine.Ans.Messages;
using Engine.Models.Neural.Vrnn;
using Engine.Systems.Vae;

namespace Engine.Systems.Tests.Vrnn;

public class VrnnMessageCheckTests
{
    private static readonly CoderOptions Smc4 = new() { Kind = CoderKind.BbSmc, Particles = 4, Chains = 2 };

    private static McbMessage Encoded(CoderOptions? options = null) => VrnnCodec.Encode(TinyVrnn.Sequences(4), TinyVrnn.Model, options ?? Smc4).Message;

    [TestCase(CoderKind.BbSmc)]
    [TestCase(CoderKind.BbCsmc)]
    public void DamagedTailsOrHeadsFailTyped(CoderKind kind)
    {
        McbMessage m = Encoded(Smc4 with { Kind = kind });
        for (int w = 0; w < 6; w++)
        {
            uint[][] tails = m.Tails.Select(t => (uint[])t.Clone()).ToArray();
            int at = (w * 7) % tails[0].Length;
            tails[0][at] ^= 1u << (w * 5 % 32);
            var e = Assert.Throws<McbFormatException>(() => VrnnCodec.Decode(Copy(m, tails: tails), TinyVrnn.Model), $"word {at}");
            Assert.That(e!.Kind, Is.AnyOf(McbErrorKind.Corrupt, McbErrorKind.StateMismatch, McbErrorKind.ChecksumMismatch));
        }
        ulong[] heads = (ulong[])m.Heads.Clone();
        heads[1] ^= 1UL << 40;
        Assert.Throws<McbFormatException>(() => VrnnCodec.Decode(Copy(m, heads: heads), TinyVrnn.Model));
    }

    [Test]
    public void AnotherNetworkOrNumericalBackendIsAModelMismatch()
    {
        McbMessage m = Encoded();
        using VrnnModel other = TinyVrnn.Other();
        Assert.That(Assert.Throws<McbFormatException>(() => VrnnCodec.Decode(m, other))!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
        Assert.That(m.Extra[VaeCodec.ModelBackendKey], Does.Contain("/cpu=").And.Contain("threads="), "the backend names the CPU capability");
        var extra = new Dictionary<string, string> { [VaeCodec.ModelBackendKey] = m.Extra[VaeCodec.ModelBackendKey].Replace("cpu=", "cpu=x", StringComparison.Ordinal) };
        Assert.That(Assert.Throws<McbFormatException>(() => VrnnCodec.Decode(Copy(m, extra: extra), TinyVrnn.Model))!.Kind, Is.EqualTo(McbErrorKind.ModelMismatch));
    }

    [TestCase("latent_precision", "25")]
    [TestCase("latent_precision", "15")]
    [TestCase("prior_bits", "13")]
    [TestCase("latent_point", "mean")]
    [TestCase("symbol_precision", "12")]
    [TestCase("latents", "3")]
    [TestCase("symbols", "9")]
    [TestCase("sequence_length", "0")]
    [TestCase("sequence_length", "5000")]
    [TestCase("resampling", "7")]
    [TestCase("resampling", "Sometimes")]
    [TestCase("particles", "0")]
    public void DoctoredParametersAreCorrupt(string key, string value)
    {
        McbMessage m = Encoded();
        var parameters = new Dictionary<string, string>(m.CoderParameters) { [key] = value };
        var e = Assert.Throws<McbFormatException>(() => VrnnCodec.Decode(Copy(m, parameters: parameters), TinyVrnn.Model));
        Assert.That(e!.Kind, Is.AnyOf(McbErrorKind.Corrupt, McbErrorKind.StateMismatch), e.Message);
    }

    [Test]
    public void ADecodeAboveTheBudgetIsRefusedBeforeItRuns()
    {
        McbMessage m = Encoded();
        using (DecodeBudget.Use(new DecodeBudget { MaxWork = 2000 }))
        {
            var e = Assert.Throws<McbFormatException>(() => VrnnCodec.Decode(m, TinyVrnn.Model));
            Assert.That(e!.Kind, Is.EqualTo(McbErrorKind.LimitExceeded));
        }
    }

    [Test]
    public void EncodeRefusesWhatAVrnnCannotCode()
    {
        Assert.Throws<NotSupportedException>(() => VrnnCodec.Encode(TinyVrnn.Sequences(2), TinyVrnn.Model, Smc4 with { Kind = CoderKind.BbAis }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrnnCodec.Encode(TinyVrnn.Sequences(2), TinyVrnn.Model, Smc4 with { FormatVersion = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrnnCodec.Encode(TinyVrnn.Sequences(2), TinyVrnn.Model, Smc4 with { Kind = CoderKind.BbElbo }));
        var wide = new Engine.Models.Data.BinaryImages(3, 9, new byte[27], [0], [0]);
        Assert.Throws<ArgumentException>(() => VrnnCodec.Encode(wide, TinyVrnn.Model, Smc4));
    }

    private static McbMessage Copy(McbMessage m, ulong[]? heads = null, uint[][]? tails = null, IReadOnlyDictionary<string, string>? extra = null,
        IReadOnlyDictionary<string, string>? parameters = null) => new()
    {
        Coder = m.Coder, CoderParameters = parameters ?? m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
        Backend = m.Backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = heads ?? m.Heads, Tails = tails ?? m.Tails,
        DataChecksum = m.DataChecksum, Extra = extra ?? m.Extra,
    };
}
