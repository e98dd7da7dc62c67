// A session that gives every position's likelihood rows in one call (ILikelihoodRows) codes the same messages as
// one answering a Likelihood query per position, for every coder that applies, and they decode either way.
using Engine.Ans.Messages;

namespace Engine.Systems.Tests.UserModels;

public class LikelihoodRowsTests
{
    [TestCase(CoderKind.BbElbo, 1, 1)]
    [TestCase(CoderKind.BbIs, 6, 1)]
    [TestCase(CoderKind.BbCis, 8, 5)]
    [TestCase(CoderKind.BbSmc, 8, 5)]
    [TestCase(CoderKind.BbCsmc, 8, 1)]
    public void BatchedRowsCodeTheSameMessage(CoderKind kind, int n, int chains)
    {
        var perPosition = new PairedSensorModel(steps: 5);
        var batched = new PairedSensorModel(steps: 5, batchRows: true);
        byte[] data = perPosition.Sample(30, 4);
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Seed = 7 };
        McbMessage a = McBitsCodec.Encode(data, perPosition, options).Message;
        McbMessage b = McBitsCodec.Encode(data, batched, options).Message;
        Assert.That(McbMessageFile.ToBytes(b), Is.EqualTo(McbMessageFile.ToBytes(a)));
        Assert.That(McBitsCodec.Decode(a, batched), Is.EqualTo(data));
        Assert.That(McBitsCodec.Decode(b, perPosition), Is.EqualTo(data));
    }
}
