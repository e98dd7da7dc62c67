// VaeWeightTableSystem: turns each active lane's N log2 weights into the categorical the index j is coded
// with: WeightQuantizer (integer-only, every freq >= 1, total 2^p), stored as one cumulative row per lane.
using Engine.Ans.Quantization;

namespace Engine.Systems.Vae;

/// <summary>Quantises every active lane's importance weights.</summary>
internal sealed class VaeWeightTableSystem(VaeContext context) : VaeSystem(context, "WeightTable")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int n = c.N;
        if (n == 1) return; // j = 0 is certain; nothing is coded
        for (int b = 0; b < c.ActiveLanes; b++)
        {
            WeightQuantizer.FromLog2Weights(c.LogW.AsSpan(b * n, n), c.P, c.WeightScratch);
            Span<uint> row = c.WCdf.AsSpan(b * (n + 1), n + 1);
            uint sum = 0;
            for (int i = 0; i < n; i++)
            {
                row[i] = sum;
                sum += c.WeightScratch[i];
            }
            row[n] = sum;
        }
    }
}
