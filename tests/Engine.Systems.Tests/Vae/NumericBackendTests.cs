// A model whose tables come from floats names its numerical backend (ModelIdentity.NumericBackend): every
// facade records it in the message and decode refuses a message computed on another one. Here the VAE
// through the generic McBitsCodec, which must record and check it exactly as VaeCodec does.
using Engine.Ans.Messages;
using Engine.Models.Neural;
using Engine.Systems.Coding;

namespace Engine.Systems.Tests.Vae;

public class NumericBackendTests
{
    [Test]
    public void TheGenericCodecRecordsAndChecksTheNetworksBackend()
    {
        var model = new VaeLatentModel(TinyVae.Model);
        byte[] bits = TinyVae.Images(3).Bits;
        McbMessage m = McBitsCodec.Encode(bits, model, new CoderOptions { Kind = CoderKind.BbIs, Particles = 4 }).Message;
        Assert.That(m.Extra[CodecRun.ModelBackendKey], Is.EqualTo(VaeModel.Backend));
        Assert.That(McBitsCodec.Decode(m, model), Is.EqualTo(bits));

        McbMessage other = WithExtra(m, new Dictionary<string, string> { [CodecRun.ModelBackendKey] = "libtorch-cuda/float16" });
        Assert.That(() => McBitsCodec.Decode(other, model),
            Throws.TypeOf<McbFormatException>().With.Property(nameof(McbFormatException.Kind)).EqualTo(McbErrorKind.ModelMismatch));
        McbMessage none = WithExtra(m, new Dictionary<string, string>());
        Assert.That(() => McBitsCodec.Decode(none, model),
            Throws.TypeOf<McbFormatException>().With.Message.Contains("not recorded"));
    }

    private static McbMessage WithExtra(McbMessage m, Dictionary<string, string> extra) => new()
    {
        FormatVersion = m.FormatVersion, Coder = m.Coder, CoderParameters = m.CoderParameters, Model = m.Model, ModelFingerprint = m.ModelFingerprint,
        Backend = m.Backend, SymbolCounts = m.SymbolCounts, Seed = m.Seed, Heads = m.Heads, Tails = m.Tails, DataChecksum = m.DataChecksum, Extra = extra,
    };
}
