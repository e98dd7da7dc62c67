// Rate = model for the local bits-back coders: on a toy CIF's own samples, each coder's net rate sits within a small
// tolerance of the model's -ELBO (FlowBound), and Bit-Swap's initial bits stay flat in the number of layers while the
// naive order's grow.
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class FlowRateTests
{
    [TestCase(2, 1, 1)]
    [TestCase(2, 3, 1)]
    [TestCase(4, 2, 0)]
    [TestCase(4, 2, 2)]
    public void NetRateMatchesTheModelsOwnBound(int dims, int layers, int index)
    {
        var model = new ToyCif(dims, layers, index, seed: 5);
        byte[] data = model.Sample(400, seed: 6);
        (double bound, double se) = FlowBound.NegativeElbo(model, data, samples: 20, seed: 7);
        foreach (FlowCoderKind coder in Enum.GetValues<FlowCoderKind>())
        {
            FlowEncodeResult r = FlowCodec.Encode(data, model, new FlowOptions { Coder = coder, Chains = 400 });
            TestContext.Out.WriteLine($"{model.Identity.Description} {coder}: net {r.NetBitsPerDim:F4} bound {bound:F4} ± {se:F4}");
            Assert.That(r.NetBitsPerDim - bound, Is.InRange(-4 * se - 0.01, 4 * se + 0.01));
        }
    }
}
