// Local bits-back coders on toy CIFs: every coder round-trips exactly for several models (plain flow and CIF, 1 to 4 layers,
// 1 to 5 dimensions), seeds and chain counts, on the model's own samples and on arbitrary symbols; messages survive the
// file format; the naive and Bit-Swap orders write different messages of the same data.
using Engine.Ans.Messages;
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class FlowRoundTripTests
{
    private static readonly (int Dims, int Layers, int Index)[] Models = [(2, 1, 1), (2, 1, 0), (2, 3, 1), (3, 2, 2), (5, 4, 1), (1, 2, 1)];

    [Test]
    public void EveryCoderRoundTripsOnTheModelsOwnSamples([Values] FlowCoderKind coder, [Values(1, 3)] int chains)
    {
        foreach ((int d, int l, int u) in Models)
        {
            var model = new ToyCif(d, l, u, seed: (ulong)(d * 10 + l));
            byte[] data = model.Sample(23, seed: d + l);
            var options = new FlowOptions { Coder = coder, Chains = chains, Seed = (ulong)(7 + l) };
            FlowEncodeResult r = FlowCodec.Encode(data, model, options);
            McbMessage read = McbMessageFile.Read(McbMessageFile.ToBytes(r.Message).AsMemory());
            Assert.That(FlowCodec.Decode(read, model).Data, Is.EqualTo(data), $"{coder} on {model.Identity.Description}");
        }
    }

    [Test]
    public void ArbitrarySymbolsRoundTripThroughTheEscape([Values] FlowCoderKind coder)
    {
        // Uniform random bytes are far from what the toy model generates: many values land outside their Gaussian's window.
        var model = new ToyCif(4, 2, 1, seed: 3);
        var rng = new Random(4);
        var data = new byte[4 * 40];
        rng.NextBytes(data);
        FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Coder = coder, Chains = 2 });
        Assert.That(FlowCodec.Decode(r.Message, model).Data, Is.EqualTo(data));
    }

    [Test]
    public void CoarseGridsAndWideSigmaStayLossless()
    {
        var model = new ToyCif(2, 2, 1, seed: 9);
        byte[] data = model.Sample(30, seed: 1);
        foreach (var o in new[]
        {
            new FlowOptions { SigmaBits = 2, GridBits = 4, IndexGridBits = 3, DequantBits = 1 },
            new FlowOptions { SigmaBits = 24, GridBits = 8, IndexGridBits = 8, DequantBits = 2 },
            new FlowOptions { SigmaBits = 6, GridBits = 28, IndexGridBits = 28, DequantBits = 20 },
        })
            Assert.That(FlowCodec.Decode(FlowCodec.Encode(data, model, o).Message, model).Data, Is.EqualTo(data), o.ToString());
    }

    [Test]
    public void TheTwoOrdersWriteDifferentMessages()
    {
        var model = new ToyCif(2, 3, 1, seed: 2);
        byte[] data = model.Sample(10, seed: 2);
        byte[] a = McbMessageFile.ToBytes(FlowCodec.Encode(data, model, new FlowOptions { Coder = FlowCoderKind.BitSwap }).Message);
        byte[] b = McbMessageFile.ToBytes(FlowCodec.Encode(data, model, new FlowOptions { Coder = FlowCoderKind.Naive }).Message);
        Assert.That(a, Is.Not.EqualTo(b));
    }
}
