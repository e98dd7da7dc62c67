// The README's flow example, line for line (README.md, "Library"), so the code a user pastes compiles and runs.
using Engine.Models.Toy;
using Engine.Systems.Flows;

namespace Engine.Systems.Tests.Flows;

public class ReadmeFlowExampleTests
{
    [Test]
    public void TheReadmeExampleRuns()
    {
        var cif = new ToyCif(dims: 2, layers: 3, indexDims: 1);            // 2-D toy CIF, 8-bit symbols
        byte[] points = cif.Sample(count: 1000, seed: 1);                 // 1000 units of 2 symbols
        var isOptions = new FlowOptions { Coder = FlowCoderKind.ImportanceSampling, Particles = 8, Chains = 4 };
        FlowEncodeResult f = FlowCodec.Encode(points, cif, isOptions);
        byte[] decoded = FlowCodec.Decode(f.Message, cif).Data;            // verified like every message
        Console.WriteLine($"{f.NetBitsPerDim:F4} bits/dim (own estimate {f.EstimatorBitsPerDim:F4})");
        Assert.That(decoded, Is.EqualTo(points));
    }
}
