// GPU-scale chain counts (issue 5: tens of thousands of chains) are accepted and round-trip on the CPU backend.
using Engine.Ans.Messages;

namespace Engine.Systems.Tests;

public class ManyChainsTests
{
    [TestCase(CoderKind.BbCis, 16384)]
    [TestCase(CoderKind.BbIs, 65536)]
    public void ManyChainsRoundTrip(CoderKind kind, int chains)
    {
        byte[] data = TestModels.Mixture.Sample(chains + chains / 3, 5);
        var options = new CoderOptions { Kind = kind, Particles = 4, Chains = chains, Seed = 9 };
        EncodeResult r = McBitsCodec.Encode(data, TestModels.Mixture, options);
        McbMessage read = McbMessageFile.Read(McbMessageFile.ToBytes(r.Message));
        Assert.That(read.ChainCount, Is.EqualTo(chains));
        Assert.That(McBitsCodec.Decode(read, TestModels.Mixture), Is.EqualTo(data));
    }
}
