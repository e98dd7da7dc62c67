// WeightTableSystem (step t): turns each active lane's N log2 weights into what the next passes code with.
// Resampling decision after t (t < T-1): Always, Never, or Adaptive = FixedEss.IsBelowHalf (exact integer
// ESS < N/2 test); at t = T-1 there is no resampling, only the final index j. Where a table is needed
// (resampling, or the last step) WeightQuantizer gives integer frequencies summing to 2^p (each >= 1),
// stored as a cumulative row per lane. Everything is integer arithmetic, identical in encode and decode.
// The weights' exponentials (the bulk of the work) are computed once per lane and step and shared by the
// ESS test and the table; the frequencies are written into the row and summed in place.
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Quantises the step's weights and takes the resampling decision.</summary>
internal sealed class WeightTableSystem(CoderContext context, int step) : CoderSystem(context, "WeightTable")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N;
        bool last = t == c.T - 1;
        Span<ulong> linear = c.LinearScratch.AsSpan(worker * n, n);
        Span<long> logW = c.LogW;
        Span<uint> cdf = c.WCdf;
        Span<byte> resampled = c.Resampled;
        int built = 0;
        for (int b = lo; b < hi; b++)
        {
            bool adaptive = !last && c.Resampling == ResamplingMode.Adaptive;
            bool resample = !last && c.Resampling == ResamplingMode.Always;
            if (adaptive || last || resample)
                WeightQuantizer.LinearWeights(logW.Slice(b * n, n), linear);
            if (adaptive)
                resample = FixedEss.IsBelowHalf(linear);
            resampled[t * c.B + b] = resample ? (byte)1 : (byte)0;
            if (!last && !resample) continue;
            built++;
            // Frequencies land in row[1..n], then a prefix sum turns the row into the cumulative table.
            Span<uint> row = cdf.Slice(c.WRow(t, b), n + 1);
            WeightQuantizer.FromLinearWeights(linear, c.P, row[1..]);
            row[0] = 0;
            for (int i = 1; i <= n; i++) row[i] += row[i - 1];
        }
        AddEntities(built);
    }
}
