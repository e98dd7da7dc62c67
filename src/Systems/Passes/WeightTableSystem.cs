// WeightTableSystem (step t): turns each active lane's N log2 weights into what the next passes code with.
// Resampling decision after t (t < T-1): Always, Never, or Adaptive = FixedEss.IsBelowHalf (exact integer
// ESS < N/2 test); at t = T-1 there is no resampling, only the final index j. Where a table is needed
// (resampling, or the last step) WeightQuantizer gives integer frequencies summing to 2^p (each >= 1),
// stored as a cumulative row per lane. Everything is integer arithmetic, identical in encode and decode.
// The weights' exponentials (the bulk of the work) are computed once per lane and step and shared by the
// ESS test and the table; the frequencies are written into the row and summed in place. Where a segment of the
// weights ends (resampling, or the last step) log2 of their mean goes into the lane's estimator log2 p̂
// (CoderContext.EstimatorUnit: reporting only, never a table).
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
            long max = 0;
            if (adaptive || last || resample)
                max = WeightQuantizer.LinearWeights(logW.Slice(b * n, n), linear);
            if (adaptive)
                resample = FixedEss.IsBelowHalf(linear);
            resampled[t * c.B + b] = resample ? (byte)1 : (byte)0;
            if (last || resample) AddToEstimator(c, b, max, linear, last);
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

    // log2 of the segment's mean weight: max + log2(Σ linear / 2^32) - log2 N, the linear weights being 2^(l - max) in Q32.
    private static void AddToEstimator(CoderContext c, int b, long max, ReadOnlySpan<ulong> linear, bool last)
    {
        ulong sum = 0;
        foreach (ulong w in linear) sum += w;
        c.EstimatorUnit[b] += max / 4294967296.0 + Math.Log2(sum / 4294967296.0) - Math.Log2(linear.Length);
        if (!last) return;
        double unit = c.EstimatorUnit[b];
        c.EstimatorSum[b] += unit;
        c.EstimatorSumSquares[b] += unit * unit;
        c.EstimatorUnits[b]++;
        c.EstimatorUnit[b] = 0;
    }
}
