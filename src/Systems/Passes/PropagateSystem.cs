// PropagateSystem (step t): the particles z_t^i ~ q(. | x_t, z_{t-1}^{parent}), coded independently (BB-IS,
// BB-SMC), dimension by dimension with the rows the model's proposal gives each lane.
// Forward/encode: pop all N slots, slot by slot, dimensions l = 0..L-1 (one PeekCf + lookup + Commit per
//   (slot, dimension) over all lanes).
// Backward/encode: push back every slot but the lineage's, in exactly the reverse order; position m of the
//   N - 1 non-lineage slots maps to slot m (m < b_t) or m + 1, per lane, so no lane needs a mask.
// Forward/decode: pop the N - 1 non-lineage slots in ascending order; the lineage slot is z_t^lin.
// Backward/decode: push all N slots in reverse pop order (undoing the encoder's pops).
using Engine.Modeling;
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
        int count = skipLineage ? n - 1 : n;
        if (phase == CodingPhase.Forward)
        {
            if (c.Decoding)
                for (int l = 0; l < c.L; l++)
                    for (int b = lo; b < hi; b++) c.Z[c.ZIndex(t, c.Lineage[t * c.B + b], l, b)] = c.ZLin[(t * c.L + l) * c.B + b];
            Span<QuantizedRows> shared = c.ProposalTables(worker, t, lo, hi);
            for (int m = 0; m < count; m++)
            {
                SelectSlots(m, skipLineage, lo, hi);
                for (int l = 0; l < c.L; l++) PopSlot(l, shared.IsEmpty ? c.ProposalTable(t, l, lo, hi) : shared[l], lo, hi);
            }
            AddEntities(Scatter.Latents(c, t, lo, hi));
            return;
        }
        Span<QuantizedRows> tables = c.ProposalTables(worker, t, lo, hi);
        for (int m = count - 1; m >= 0; m--)
        {
            SelectSlots(m, skipLineage, lo, hi);
            for (int l = c.L - 1; l >= 0; l--) PushSlot(l, tables.IsEmpty ? c.ProposalTable(t, l, lo, hi) : tables[l], lo, hi);
        }
    }

    /// <summary>Slots[b] = the slot that position m codes on lane b (and its parents' latents where the proposal reads them).</summary>
    private void SelectSlots(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        int[] slots = c.Slots, lineage = c.Lineage;
        int at = step * c.B;
        if (!skipLineage) slots.AsSpan(lo, hi - lo).Fill(m);
        else
            for (int b = lo; b < hi; b++) slots[b] = m < lineage[at + b] ? m : m + 1;
        if (c.ProposalNeedsParents(step)) c.PrepareParents(step, lo, hi);
    }

    /// <summary>Pops dimension l of slot Slots[b] on every lane with the proposal q (rows in Rows[l B + b]).</summary>
    private void PopSlot(int l, QuantizedRows q, int lo, int hi)
    {
        CoderContext c = Ctx;
        int k = c.K, rows = l * c.B;
        int[] z = c.Z, slots = c.Slots, rowOf = c.Rows;
        uint[] start = q.Start, freq = q.Freq, cf = c.Cf, starts = c.Starts, freqs = c.Freqs;
        c.Rans.PeekCf(lo, hi, c.R, cf);
        for (int b = lo; b < hi; b++)
        {
            int row = rowOf[rows + b];
            int v = q.Lookup(row, cf[b]);
            z[c.ZIndex(step, slots[b], l, b)] = v;
            starts[b] = start[row * k + v];
            freqs[b] = freq[row * k + v];
        }
        c.Rans.Commit(lo, hi, starts, freqs, c.R);
    }

    /// <summary>Pushes dimension l of slot Slots[b] on every lane with the proposal q (rows in Rows[l B + b]).</summary>
    private void PushSlot(int l, QuantizedRows q, int lo, int hi)
    {
        CoderContext c = Ctx;
        int k = c.K, rows = l * c.B;
        int[] z = c.Z, slots = c.Slots, rowOf = c.Rows;
        uint[] start = q.Start, freq = q.Freq, starts = c.Starts, freqs = c.Freqs;
        for (int b = lo; b < hi; b++)
        {
            int at = rowOf[rows + b] * k + z[c.ZIndex(step, slots[b], l, b)];
            starts[b] = start[at];
            freqs[b] = freq[at];
        }
        c.Rans.Push(lo, hi, starts, freqs, c.R);
    }
}
