// ReweightSystem (step t): importance weights in Q32 log2 units from the model tables' fixed-point logs:
//   log2 w_t^i = [log2 w_{t-1}^i unless a new segment started]
//                + Σ_l log2 p(z_t,l^i | z_{t-1}^{A^i}) + Σ_w log2 p(x_t,w | z_t^i) - Σ_l log2 q(z_t,l^i | x_t, z_{t-1}^{A^i}),
// with the prior instead of the transition at t = 0 and A^i = i where the lane did not resample. Sums of
// integers only, so encoder and decoder get the same bits. Slot by slot: each slot asks the model for its
// three tables over the lanes (the particle's latents and its parent's are spans of Z), adds the logs into
// LogW, and a chunk pass stores them in the particles' LogWeight components.
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Updates every particle's log-weight at step t.</summary>
internal sealed class ReweightSystem(CoderContext context, int step) : CoderSystem(context, "Reweight")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N, k = c.K, s = c.S, lanes = c.B;
        Span<QuantizedRows> proposals = c.ProposalTables(worker, t, lo, hi), priors = c.PriorTables(worker, t, lo, hi);
        for (int i = 0; i < n; i++)
        {
            for (int b = lo; b < hi; b++)
            {
                c.Slots[b] = i;
                c.LogW[b * n + i] = c.NewSegment(t, b) ? 0 : c.LogW[b * n + i];
            }
            if (t > 0) c.PrepareParents(t, lo, hi);
            ReadOnlySpan<int> previous = t > 0 ? c.Previous.AsSpan(lo) : default;
            ReadOnlySpan<int> latent = c.Z.AsSpan(c.ZIndex(t, i, 0, lo));
            for (int l = 0; l < c.L; l++)
            {
                QuantizedRows p = priors.IsEmpty ? c.PriorTable(t, l, lo, hi, previous) : priors[l];
                QuantizedRows q = proposals.IsEmpty ? c.ProposalTable(t, l, lo, hi) : proposals[l];
                long[] pLog = p.Log2Q32, qLog = q.Log2Q32;
                int rows = l * lanes, zAt = c.ZIndex(t, i, l, 0);
                for (int b = lo; b < hi; b++)
                {
                    int z = c.Z[zAt + b];
                    c.LogW[b * n + i] += pLog[c.PriorRows[rows + b] * k + z] - qLog[c.Rows[rows + b] * k + z];
                }
            }
            for (int w = 0; w < c.W; w++)
            {
                QuantizedRows e = c.LikelihoodTable(t, w, lo, hi, latent);
                for (int b = lo; b < hi; b++) c.LogW[b * n + i] += e.Log2Q32[c.LikelihoodRows[b] * s + c.X[(t * c.W + w) * lanes + b]];
            }
        }
        AddEntities(Scatter.LogWeights(c, lo, hi));
    }
}
