// ResampleSystem (step t >= 1): multinomial resampling. The ancestors A^i of the step-t particles are
// i.i.d. draws from Cat(W_{t-1}), the quantised weights of step t-1 (cumulative row per lane in WCdf).
// Only lanes that resampled after t-1 code anything (a mask, from fixed-point decisions both sides agree
// on); the others keep identity ancestors. Slot order mirrors PropagateSystem: the encoder pops all N
// and pushes back the N - 1 non-lineage ancestors (descending); the decoder pops those N - 1 (ascending,
// the lineage's ancestor being b_{t-1}) and finally pushes all N back (descending).
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pops (or pushes back) multinomial ancestors of step t.</summary>
internal sealed class ResampleSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "Resample")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<byte> resampled = Ctx.Resampled;
        Span<int> anc = Ctx.Anc;
        Span<int> lineage = Ctx.Lineage;
        int t = step, n = c.N;
        bool any = false; // within this range: a range with no resampling lane codes nothing
        for (int b = lo; b < hi; b++)
        {
            c.Mask[b] = resampled[(t - 1) * c.B + b];
            any |= c.Mask[b] != 0;
        }
        bool skipLineage = c.Decoding == (phase == CodingPhase.Forward);
        if (phase == CodingPhase.Forward)
        {
            for (int b = lo; b < hi; b++)
            {
                if (c.Mask[b] == 0)
                    for (int i = 0; i < n; i++) anc[c.AIndex(t, i, b)] = i;
                else if (c.Decoding)
                    anc[c.AIndex(t, lineage[t * c.B + b], b)] = lineage[(t - 1) * c.B + b];
            }
            if (any)
                for (int m = 0; m < (skipLineage ? n - 1 : n); m++) PopSlot(m, skipLineage, lo, hi);
            AddEntities((hi - lo) * c.N);
            return;
        }
        if (!any) return;
        for (int m = (skipLineage ? n - 1 : n) - 1; m >= 0; m--) PushSlot(m, skipLineage, lo, hi);
    }

    private void PopSlot(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> anc = Ctx.Anc, lineage = Ctx.Lineage;
        Span<uint> cdf = Ctx.WCdf;
        int t = step;
        c.Rans.PeekCf(lo, hi, c.P, c.Cf);
        for (int b = lo; b < hi; b++)
        {
            if (c.Mask[b] == 0) continue;
            ReadOnlySpan<uint> row = c.WCdf.Slice(c.WRow(t - 1, b), c.N + 1);
            int a = CumulativeTable.FindSymbol(row, c.Cf[b]);
            anc[c.AIndex(t, SlotOf(lineage, m, b, skipLineage), b)] = a;
            c.Starts[b] = row[a];
            c.Freqs[b] = row[a + 1] - row[a];
        }
        c.Rans.CommitMasked(c.Mask, lo, hi, c.Starts, c.Freqs, c.P);
    }

    private void PushSlot(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> anc = Ctx.Anc, lineage = Ctx.Lineage;
        Span<uint> cdf = Ctx.WCdf;
        int t = step;
        for (int b = lo; b < hi; b++)
        {
            if (c.Mask[b] == 0) continue;
            int row = c.WRow(t - 1, b);
            int a = anc[c.AIndex(t, SlotOf(lineage, m, b, skipLineage), b)];
            c.Starts[b] = cdf[row + a];
            c.Freqs[b] = cdf[row + a + 1] - cdf[row + a];
        }
        c.Rans.PushMasked(c.Mask, lo, hi, c.Starts, c.Freqs, c.P);
    }

    private int SlotOf(ReadOnlySpan<int> lineage, int m, int b, bool skipLineage) =>
        !skipLineage || m < lineage[step * Ctx.B + b] ? m : m + 1;
}
