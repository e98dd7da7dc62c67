// WeightTableSystem (step t): turns each active lane's N log2 weights into what the next passes code with.
// Resampling decision after t (t < T-1): Always, Never, or Adaptive = FixedEss.IsBelowHalf (exact integer
// ESS < N/2 test); at t = T-1 there is no resampling, only the final index j. Where a table is needed
// (resampling, or the last step) WeightQuantizer gives integer frequencies summing to 2^p (each >= 1),
// stored as a cumulative row per lane. Everything is integer arithmetic, identical in encode and decode.
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Quantises the step's weights and takes the resampling decision.</summary>
internal sealed class WeightTableSystem(CoderContext context, int step) : CoderSystem(context, "WeightTable")
{
    private readonly byte[] _built = new byte[context.B];

    protected override void Run(int unitStep)
    {
        CoderContext c = Ctx;
        int a = c.ActiveLanes, t = step, n = c.N;
        bool last = t == c.T - 1;
        for (int b = 0; b < a; b++)
        {
            ReadOnlySpan<long> logW = c.LogW.AsSpan(b * n, n);
            bool resample = !last && c.Resampling switch
            {
                ResamplingMode.Always => true,
                ResamplingMode.Adaptive => FixedEss.IsBelowHalf(logW),
                _ => false,
            };
            c.Resampled[t * c.B + b] = resample ? (byte)1 : (byte)0;
            _built[b] = last || resample ? (byte)1 : (byte)0;
            if (_built[b] == 0) continue;
            WeightQuantizer.FromLog2Weights(logW, c.P, c.WeightScratch);
            Span<uint> row = c.WCdf.AsSpan(c.WRow(t, b), n + 1);
            uint sum = 0;
            for (int i = 0; i < n; i++)
            {
                row[i] = sum;
                sum += c.WeightScratch[i];
            }
            row[n] = sum;
        }
        Scatter.Weights(c, t, _built);
    }
}
