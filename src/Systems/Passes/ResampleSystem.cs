// ResampleSystem (step t >= 1): multinomial resampling. The ancestors A^i of the step-t particles are
// i.i.d. draws from Cat(W_{t-1}), the quantised weights of step t-1 (cumulative row per lane in WCdf).
// Only lanes that resampled after t-1 code anything (a mask, from fixed-point decisions both sides agree
// on); the others keep identity ancestors. Slot order mirrors PropagateSystem: the encoder pops all N
// and pushes back the N - 1 non-lineage ancestors (descending); the decoder pops those N - 1 (ascending,
// the lineage's ancestor being b_{t-1}) and finally pushes all N back (descending). Each lane codes with its
// own weight row through the backend's row calls, so the ancestor search runs in the backend.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pops (or pushes back) multinomial ancestors of step t.</summary>
internal sealed class ResampleSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "Resample")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, n = c.N;
        bool any = false; // within this range: a range with no resampling lane codes nothing
        for (int b = lo; b < hi; b++)
        {
            c.Mask[b] = c.Resampled[(t - 1) * c.B + b];
            any |= c.Mask[b] != 0;
        }
        bool skipLineage = c.Decoding == (phase == CodingPhase.Forward);
        if (phase == CodingPhase.Forward)
        {
            for (int b = lo; b < hi; b++)
            {
                if (c.Mask[b] == 0)
                    for (int i = 0; i < n; i++) c.Anc[c.AIndex(t, i, b)] = i;
                else if (c.Decoding)
                    c.Anc[c.AIndex(t, c.Lineage[t * c.B + b], b)] = c.Lineage[(t - 1) * c.B + b];
            }
            if (any)
                for (int m = 0; m < (skipLineage ? n - 1 : n); m++) PopSlot(m, skipLineage, lo, hi);
            AddEntities(Scatter.Ancestors(c, t, lo, hi));
            return;
        }
        if (!any) return;
        for (int m = (skipLineage ? n - 1 : n) - 1; m >= 0; m--) PushSlot(m, skipLineage, lo, hi);
    }

    /// <summary>Pops position m's ancestor on every resampling lane with that lane's weight row (the backend searches it).</summary>
    private void PopSlot(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step;
        c.Rans.PopRows(lo, hi, c.WCdf.AsSpan(c.WRow(t - 1, lo)), c.N, c.P, c.Slots, c.Mask);
        for (int b = lo; b < hi; b++)
            if (c.Mask[b] != 0) c.Anc[c.AIndex(t, SlotOf(m, b, skipLineage), b)] = c.Slots[b];
    }

    /// <summary>Pushes position m's ancestor back on every resampling lane.</summary>
    private void PushSlot(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step;
        for (int b = lo; b < hi; b++)
            if (c.Mask[b] != 0) c.Slots[b] = c.Anc[c.AIndex(t, SlotOf(m, b, skipLineage), b)];
        c.Rans.PushRows(lo, hi, c.WCdf.AsSpan(c.WRow(t - 1, lo)), c.N, c.P, c.Slots, c.Mask);
    }

    private int SlotOf(int m, int b, bool skipLineage) =>
        !skipLineage || m < Ctx.Lineage[step * Ctx.B + b] ? m : m + 1;
}
