// ReweightSystem (step t): importance weights in Q32 log2 units from the model tables' fixed-point logs:
//   log2 w_t^i = [log2 w_{t-1}^i unless a new segment started]
//                + Σ_l log2 p(z_t,l^i | z_{t-1}^{A^i}) + Σ_w log2 p(x_t,w | z_t^i) - Σ_l log2 q(z_t,l^i | x_t, z_{t-1}^{A^i}),
// with the prior instead of the transition at t = 0 and A^i = i where the lane did not resample. Sums of
// integers only, so encoder and decoder get the same bits. The pass gathers every particle of its lanes
// (query q = i·n + b − lo, n = hi − lo: all N slots in consecutive blocks) and asks the model once per
// latent dimension and symbol position for all of them, so the model is called a handful of times per
// step, not per particle; a proposal that ignores the previous latent is asked once per lane. The sums go
// into LogW and a chunk pass stores them in the particles' LogWeight components.
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
        int t = step, n = c.N, k = c.K, s = c.S, lanes = c.B, width = hi - lo, count = n * width;
        bool parents = c.ProposalNeedsParents(t);
        // One latent dimension over all lanes: Z of step t is already in query order, so no copy.
        bool inPlace = c.L == 1 && width == lanes;
        Span<int> latents = inPlace ? c.Z.AsSpan(c.ZIndex(t, 0, 0, 0), count) : c.AllLatents.AsSpan(lo * n * c.L, count * c.L);
        Span<int> previous = t > 0 ? c.AllPrevious.AsSpan(lo * n * c.L, count * c.L) : default;
        Span<int> observed = parents ? c.AllObserved.AsSpan(lo * n * c.W, count * c.W) : default;
        Gather(lo, hi, inPlace ? default : latents, previous, observed);

        Span<long> logW = c.LogW.AsSpan(lo * n, width * n);
        for (int b = lo; b < hi; b++)
            if (c.NewSegment(t, b)) logW.Slice((b - lo) * n, n).Clear();

        Span<int> priorRows = c.AllPriorRows.AsSpan(lo * n, count);
        Span<int> likelihoodRows = c.AllLikelihoodRows.AsSpan(lo * n, count);
        Span<int> proposalRows = parents ? c.AllProposalRows.AsSpan(lo * n, count) : default;
        Span<QuantizedRows> shared = c.ProposalTables(worker, t, lo, hi);
        for (int l = 0; l < c.L; l++)
        {
            var query = new LatentQuery(t, l, lo, count, count, default, previous, default, width, 0);
            QuantizedRows p = CoderContext.CheckedTable(c.Session.Prior(query, priorRows), k, -1, "prior");
            QuantizedRows q = shared.IsEmpty
                ? CoderContext.CheckedTable(c.Session.Proposal(new LatentQuery(t, l, lo, count, count, observed, previous, default, width, 0), proposalRows), k, c.R, "proposal")
                : shared[l];
            long[] pLog = p.Log2Q32, qLog = q.Log2Q32;
            ReadOnlySpan<int> z = latents.Slice(l * count, count);
            ReadOnlySpan<int> laneRows = c.Rows.AsSpan(l * lanes + lo, width);
            for (int i = 0, at = 0; i < n; i++)
                for (int b = 0; b < width; b++, at++)
                {
                    int qRow = shared.IsEmpty ? proposalRows[at] : laneRows[b];
                    logW[b * n + i] += pLog[priorRows[at] * k + z[at]] - qLog[qRow * k + z[at]];
                }
        }
        for (int w = 0; w < c.W; w++)
        {
            var query = new LatentQuery(t, w, lo, count, count, default, default, latents, width, 0);
            QuantizedRows e = CoderContext.CheckedTable(c.Session.Likelihood(query, likelihoodRows), s, -1, "likelihood");
            long[] eLog = e.Log2Q32;
            ReadOnlySpan<int> x = c.X.AsSpan((t * c.W + w) * lanes + lo, width);
            for (int i = 0, at = 0; i < n; i++)
                for (int b = 0; b < width; b++, at++) logW[b * n + i] += eLog[likelihoodRows[at] * s + x[b]];
        }
        AddEntities(Scatter.LogWeights(c, lo, hi));
    }

    /// <summary>Each particle's latents (unless <paramref name="latents"/> is empty: already in place), and at t &gt; 0 its parent's; where the proposal reads them, its
    /// lane's observations, into query order q = i·n + b − lo.</summary>
    private void Gather(int lo, int hi, Span<int> latents, Span<int> previous, Span<int> observed)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N, width = hi - lo, count = n * width;
        for (int i = 0; i < n; i++)
        {
            for (int l = 0; l < c.L; l++)
            {
                if (!latents.IsEmpty) c.Z.AsSpan(c.ZIndex(t, i, l, lo), width).CopyTo(latents.Slice(l * count + i * width, width));
                if (previous.IsEmpty) continue;
                Span<int> parent = previous.Slice(l * count + i * width, width);
                for (int b = lo; b < hi; b++) parent[b - lo] = c.Z[c.ZIndex(t - 1, c.Parent(t, i, b), l, b)];
            }
            for (int w = 0; w < observed.Length / Math.Max(1, count); w++)
                c.X.AsSpan((t * c.W + w) * c.B + lo, width).CopyTo(observed.Slice(w * count + i * width, width));
        }
    }
}
