using Engine.Models.Toy;
using Engine.Systems.Flows;
namespace Engine.Systems.Tests.Flows;
public class FlowScratchTests
{
    [Test]
    public void Scratch()
    {
        foreach (var (d, l, u) in new[] { (2, 1, 1), (2, 2, 1), (1, 1, 1), (1, 2, 1) })
        {
            var model = new ToyCif(d, l, u, seed: 5);
            byte[] data = model.Sample(400, seed: 6);
            var b1 = FlowBound.NegativeElbo(model, data, 1, 7);
            var b2 = FlowBound.NegativeElbo(model, data, 50, 8);
            string line = $"SCR {d} {l} {u}: bound {b1.BitsPerDim:F4} {b2.BitsPerDim:F4}±{b2.StandardError:F4}";
            foreach (int sb in new[] { 8, 12, 16 })
                foreach (int gb in new[] { 16, 20 })
                {
                    var r = FlowCodec.Encode(data, model, new FlowOptions { Chains = 400, SigmaBits = sb, GridBits = gb, IndexGridBits = gb, Coder = FlowCoderKind.Naive });
                    line += $" s{sb}g{gb}:{r.NetBitsPerDim:F4}";
                }
            TestContext.Out.WriteLine(line);
        }
    }
}
