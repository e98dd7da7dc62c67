// PropagateSystem (step t): the particles z_t^i ~ q(. | x_t), coded independently (BB-IS, BB-SMC).
// Forward/encode: pop all N slots, slot by slot (one PeekCf + lookup + Commit per slot over all lanes).
// Backward/encode: push back every slot but the lineage's, in descending order; position m of the
//   N - 1 non-lineage slots maps to slot m (m < b_t) or m + 1, per lane, so no lane needs a mask.
// Forward/decode: pop the N - 1 non-lineage slots in ascending order; the lineage slot is z_t^lin.
// Backward/decode: push all N slots in descending order (undoing the encoder's pops).
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pops (or pushes back) the independent proposal draws of step t.</summary>
internal sealed class PropagateSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "Propagate")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N;
        bool skipLineage = c.Decoding == (phase == CodingPhase.Forward);
        if (phase == CodingPhase.Forward)
        {
            if (c.Decoding)
                for (int b = lo; b < hi; b++) c.Z[c.ZIndex(t, c.Lineage[t * c.B + b], b)] = c.ZLin[t * c.B + b];
            int count = skipLineage ? n - 1 : n;
            for (int m = 0; m < count; m++) PopSlot(m, skipLineage, lo, hi);
            AddEntities(Scatter.Latents(c, t, lo, hi));
            return;
        }
        for (int m = (skipLineage ? n - 1 : n) - 1; m >= 0; m--) PushSlot(m, skipLineage, lo, hi);
    }

    private void PopSlot(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, k = c.K;
        c.Rans.PeekCf(lo, hi, c.R, c.Cf);
        for (int b = lo; b < hi; b++)
        {
            int x = c.X[t * c.B + b];
            int z = c.Proposal.Lookup(x, c.Cf[b]);
            c.Z[c.ZIndex(t, SlotOf(m, b, skipLineage), b)] = z;
            c.Starts[b] = c.Proposal.Start[x * k + z];
            c.Freqs[b] = c.Proposal.Freq[x * k + z];
        }
        c.Rans.Commit(lo, hi, c.Starts, c.Freqs, c.R);
    }

    private void PushSlot(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, k = c.K;
        for (int b = lo; b < hi; b++)
        {
            int x = c.X[t * c.B + b];
            int z = c.Z[c.ZIndex(t, SlotOf(m, b, skipLineage), b)];
            c.Starts[b] = c.Proposal.Start[x * k + z];
            c.Freqs[b] = c.Proposal.Freq[x * k + z];
        }
        c.Rans.Push(lo, hi, c.Starts, c.Freqs, c.R);
    }

    private int SlotOf(int m, int b, bool skipLineage) =>
        !skipLineage || m < Ctx.Lineage[step * Ctx.B + b] ? m : m + 1;
}
