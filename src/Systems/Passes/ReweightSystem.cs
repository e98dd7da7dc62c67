// ReweightSystem (step t): importance weights in Q32 log2 units from the model tables' fixed-point logs:
//   log2 w_t^i = [log2 w_{t-1}^i unless a new segment started]
//                + Σ_l log2 p(z_t,l^i | z_{t-1}^{A^i}) + Σ_w log2 p(x_t,w | z_t^i) - Σ_l log2 q(z_t,l^i | x_t, z_{t-1}^{A^i}),
// with the prior instead of the transition at t = 0 and A^i = i where the lane did not resample. Sums of
// integers only, so encoder and decoder get the same bits. First the model session gets every active
// particle's latents in one batch (IModelSession.PrepareLikelihood: a network likelihood runs its decoder
// once over all chains × particles there); then, slot by slot, each slot asks the model for its three tables
// over the lanes (the particle's latents and its parent's are spans of Z) and its likelihood score
// Σ_w log2 p(x_t,w | z_t) in one call (IModelSession.AddLogLikelihood, naming slot i), adds the logs into
// LogW (the particles' LogWeight column). A session that sums whole steps (IParticleWeights: a table model does)
// gets one call per step instead, with every particle's parent latents gathered first; the integers are the same.
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Updates every particle's log-weight at step t (summed per slot in the lanes' Scores scratch).</summary>
internal sealed class ReweightSystem(CoderContext context, int step) : CoderSystem(context, "Reweight")
{
    protected override void Run(int unitStep)
    {
        Ctx.PrepareParticles(step, 0, Ctx.ActiveLanes);
        ForChains(Ctx.ActiveLanes);
    }

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N, k = c.K, lanes = c.B;
        // Queries without parent latents (the proposal where it reads none, the prior at t = 0) are the same for
        // every slot: asked once per dimension here.
        if (c.Session is IParticleWeights batch)
        {
            WholeStep(batch, lo, hi);
            return;
        }
        bool proposalFree = c.ProposalSlotFree(t), priorFree = t == 0;
        if (proposalFree) c.ProposalTables(worker, t, lo, hi);
        if (priorFree) c.FirstPriorTables(worker, lo, hi);
        Span<long> logW = c.LogW;
        Span<int> zs = c.Z;
        Span<byte> resampled = c.Resampled;
        Span<long> weight = c.Scores.AsSpan(lo, hi - lo);
        if (proposalFree && priorFree)
        {
            FirstStep(worker, lo, hi);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            for (int b = lo; b < hi; b++)
            {
                c.Slots[b] = i;
                weight[b - lo] = t == 0 || resampled[(t - 1) * lanes + b] != 0 ? 0 : logW[b * n + i];
            }
            if (t > 0) c.PrepareParents(t, lo, hi);
            LaneColumns previous = t > 0 ? c.GatheredParents(lo) : default, state = t > 0 ? c.GatheredParentStates(lo) : default;
            for (int l = 0; l < c.L; l++)
            {
                QuantizedRows p = priorFree ? c.PriorByDim[worker * c.L + l] : c.PriorTable(t, l, lo, hi, previous, state);
                QuantizedRows q = proposalFree ? c.ProposalByDim[worker * c.L + l] : c.ProposalTable(t, l, lo, hi);
                int[] pRows = priorFree ? c.PriorRowsByDim : c.PriorRows, qRows = proposalFree ? c.ProposalRowsByDim : c.Rows;
                int pAt = priorFree ? l * lanes : 0, qAt = proposalFree ? l * lanes : 0, zAt = c.ZIndex(t, i, l, 0);
                long[] pLog = p.Log2Q32, qLog = q.Log2Q32;
                for (int b = lo; b < hi; b++)
                {
                    int z = zs[zAt + b];
                    weight[b - lo] += pLog[pRows[pAt + b] * k + z] - qLog[qRows[qAt + b] * k + z];
                }
            }
            c.AddLogLikelihood(t, lo, hi, c.ParticleLatents(t, i, lo), c.Slots.AsSpan(lo), weight, state);
            for (int b = lo; b < hi; b++) logW[b * n + i] = weight[b - lo];
        }
        AddEntities((hi - lo) * c.N);
    }

    /// <summary>t = 0 with a proposal that reads no parents: every lane starts a segment and no table depends on the slot,
    /// so the prior and proposal logs are summed dimension-outer straight into LogW (same integer sums).</summary>
    private void FirstStep(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int n = c.N, k = c.K, lanes = c.B, dims = c.L;
        Span<long> logW = c.LogW;
        Span<int> zs = c.Z;
        int[] pRows = c.PriorRowsByDim, qRows = c.ProposalRowsByDim;
        logW.Slice(lo * n, (hi - lo) * n).Clear();
        for (int l = 0; l < dims; l++)
        {
            long[] pLog = c.PriorByDim[worker * dims + l].Log2Q32, qLog = c.ProposalByDim[worker * dims + l].Log2Q32;
            int rowAt = l * lanes;
            for (int i = 0; i < n; i++)
            {
                int zAt = c.ZIndex(0, i, l, 0);
                for (int b = lo; b < hi; b++)
                {
                    int z = zs[zAt + b];
                    logW[b * n + i] += pLog[pRows[rowAt + b] * k + z] - qLog[qRows[rowAt + b] * k + z];
                }
            }
        }
        Span<long> weight = c.Scores.AsSpan(lo, hi - lo);
        for (int i = 0; i < n; i++)
        {
            for (int b = lo; b < hi; b++)
            {
                c.Slots[b] = i;
                weight[b - lo] = logW[b * n + i];
            }
            c.AddLogLikelihood(0, lo, hi, c.ParticleLatents(0, i, lo), c.Slots.AsSpan(lo), weight);
            for (int b = lo; b < hi; b++) logW[b * n + i] = weight[b - lo];
        }
        AddEntities((hi - lo) * c.N);
    }

    /// <summary>Every particle of chains [lo, hi) in one session call: weights restart where a segment starts, parents are
    /// gathered through the ancestors (t &gt; 0), and the session adds the increments straight into LogW.</summary>
    private void WholeStep(IParticleWeights batch, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N, lanes = c.B;
        Span<long> logW = c.LogW;
        Span<byte> resampled = c.Resampled;
        for (int b = lo; b < hi; b++)
            if (t == 0 || resampled[(t - 1) * lanes + b] != 0) logW.Slice(b * n, n).Clear();
        ReadOnlySpan<int> parents = t > 0 ? c.GatherAllParents(t, lo, hi) : default;
        ReadOnlySpan<int> parentStates = t > 0 ? c.GatherAllParentStates(t, lo, hi) : default;
        var query = new ParticleWeightBatch(t, lo, hi - lo, n, c.StepObservations(t, lo), c.Z[c.ZIndex(t, 0, 0, lo)..], c.ZDimStride,
            parents, c.AllParentsDimStride, lanes, parentStates, c.AllParentStatesWordStride);
        batch.AddLogWeights(query, logW.Slice(lo * n, (hi - lo) * n));
        AddEntities((hi - lo) * n);
    }
}
