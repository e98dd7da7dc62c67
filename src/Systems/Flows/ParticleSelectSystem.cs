// ParticleSelectSystem: the importance-sampling coder's choice of particle (none to code for N = 1). Encode pops j from the categorical table of the
// particles' weights (FlowContext.WeightTables, precision 16), closes the unit's own estimate at -log of the mean weight
// (the coder's IWAE(N) estimate) and copies u^j into the index components the local bits-back passes code. Decode, with
// every particle restored, walks them all for their weights and pushes j back with the same table.
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>Pops (encode) or pushes (decode) the selected particle j with Cat(w~).</summary>
internal sealed class ParticleSelectSystem(FlowContext context) : FlowSystem(context, "ParticleSelect")
{
    protected override void Encode(int unitStep)
    {
        FlowContext c = Ctx;
        Span<int> selected = c.Selected;
        for (int b = 0; b < c.ActiveLanes; b++) c.UnitNats[b] = -LogMeanExp(c, b);
        if (c.N == 1)
        {
            selected[..c.ActiveLanes].Clear();
        }
        else
        {
            c.WeightTables();
            c.PeekIntervals(FlowContext.WeightPrecision);
            for (int b = 0; b < c.ActiveLanes; b++)
            {
                int row = b * (c.N + 1), k = 0;
                while (c.WeightStarts[row + k + 1] <= c.Cf[b]) k++;
                selected[b] = k;
                (c.Starts[b], c.Freqs[b]) = (c.WeightStarts[row + k], c.WeightStarts[row + k + 1] - c.WeightStarts[row + k]);
            }
            c.CommitIntervals(FlowContext.WeightPrecision);
        }
        for (int l = 0; l < c.L; l++)
            for (int j = 0; j < c.U; j++)
            {
                Span<int> u = c.Index(l, j);
                for (int b = 0; b < c.ActiveLanes; b++) u[b] = c.ParticleIndex(selected[b], l, j)[b];
            }
    }

    protected override void Decode(int unitStep)
    {
        FlowContext c = Ctx;
        if (c.N == 1) return;
        for (int k = 0; k < c.N; k++) c.WalkParticle(k, c.Coupled ? ParticleDraw.Coupled : ParticleDraw.Given);
        c.WeightTables();
        ReadOnlySpan<int> selected = c.Selected;
        for (int b = 0; b < c.ActiveLanes; b++)
        {
            int row = b * (c.N + 1), k = selected[b];
            (c.Starts[b], c.Freqs[b]) = (c.WeightStarts[row + k], c.WeightStarts[row + k + 1] - c.WeightStarts[row + k]);
        }
        c.PushIntervals(FlowContext.WeightPrecision);
    }

    // ln (1/N sum_k w_k) of chain b, from the log weights.
    private static double LogMeanExp(FlowContext c, int b)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < c.N; k++) max = Math.Max(max, c.ParticleLogWeight[k * c.B + b]);
        if (!double.IsFinite(max)) return max;
        double sum = 0;
        for (int k = 0; k < c.N; k++) sum += Math.Exp(c.ParticleLogWeight[k * c.B + b] - max);
        return max + Math.Log(sum / c.N);
    }
}
