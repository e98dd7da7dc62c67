// PropagateSystem (step t): the particles z_t^i ~ q(. | x_t, z_{t-1}^{parent}), coded independently (BB-IS,
// BB-SMC), dimension by dimension with the rows the model's proposal gives each lane.
// Dimensions go in the coding order (CoderContext.Order: 0..L-1 unless the model gives a latent order).
// Forward/encode: pop all N slots, slot by slot, dimension by dimension (one backend table pop per
//   (slot, dimension) over all lanes: the backend searches each lane's proposal row).
// Backward/encode: push back every slot but the lineage's, in exactly the reverse order; position m of the
//   N - 1 non-lineage slots maps to slot m (m < b_t) or m + 1, per lane, so no lane needs a mask.
// Forward/decode: pop the N - 1 non-lineage slots in ascending order; the lineage slot is z_t^lin.
// Backward/decode: push all N slots in reverse pop order (undoing the encoder's pops).
// Whitened runs (CouplingScheme.WhitenDraws): the encoder mixes the heads before each forward pop, the decoder unmixes
// them after each backward push, the pops' mirrors.
// Where the proposal reads no parent latent its queries are the same for every slot, so each dimension's
// table is asked once per pass (CoderContext.ProposalTables) rather than once per slot.
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
        bool slotFree = c.ProposalSlotFree(t);
        if (slotFree) c.ProposalTables(worker, t, lo, hi);
        if (phase == CodingPhase.Forward)
        {
            if (c.Decoding)
            {
                Span<int> z = c.Z, zLin = c.ZLin, lineage = c.Lineage;
                for (int l = 0; l < c.L; l++)
                    for (int b = lo; b < hi; b++) z[c.ZIndex(t, lineage[t * c.B + b], l, b)] = zLin[c.UIndex(t, l, b)];
            }
            for (int m = 0; m < count; m++)
            {
                SelectSlots(m, skipLineage, lo, hi);
                for (int d = 0; d < c.L; d++)
                {
                    c.MixBeforeDraw(lo, hi); // encode only: the decoder's forward pops read what the encoder pushed back
                    PopSlot(worker, slotFree, c.Order[d], lo, hi);
                }
            }
            AddEntities((hi - lo) * c.N);
            return;
        }
        for (int m = count - 1; m >= 0; m--)
        {
            SelectSlots(m, skipLineage, lo, hi);
            for (int d = c.L - 1; d >= 0; d--)
            {
                PushSlot(worker, slotFree, c.Order[d], lo, hi);
                c.UnmixAfterDraw(lo, hi); // decode only: undoes the encoder's mix before this draw's pop
            }
        }
    }

    /// <summary>Slots[b] = the slot that position m codes on lane b (and its parents' latents where the proposal reads them).</summary>
    private void SelectSlots(int m, bool skipLineage, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> lineage = c.Lineage;
        for (int b = lo; b < hi; b++) c.Slots[b] = !skipLineage || m < lineage[step * c.B + b] ? m : m + 1;
        if (c.ProposalNeedsParents(step)) c.PrepareParents(step, lo, hi);
    }

    /// <summary>The proposal of dimension l for the selected slots, and where its rows are ([offset + b]).</summary>
    private QuantizedRows Proposal(int worker, bool slotFree, int l, int lo, int hi, out int[] rows, out int offset)
    {
        CoderContext c = Ctx;
        if (slotFree)
        {
            (rows, offset) = (c.ProposalRowsByDim, l * c.B);
            return c.ProposalByDim[worker * c.L + l];
        }
        (rows, offset) = (c.Rows, 0);
        return c.ProposalTable(step, l, lo, hi);
    }

    private void PopSlot(int worker, bool slotFree, int l, int lo, int hi)
    {
        CoderContext c = Ctx;
        QuantizedRows q = Proposal(worker, slotFree, l, lo, hi, out int[] rows, out int offset);
        int[] symbols = c.Symbols, slots = c.Slots;
        c.Rans.PopSymbols(lo, hi, q.Table(), rows.AsSpan(offset, c.B), symbols);
        Span<int> z = c.Z;
        int zAt = c.ZIndex(step, 0, l, 0), slotStride = c.B;
        for (int b = lo; b < hi; b++) z[zAt + slots[b] * slotStride + b] = symbols[b];
    }

    private void PushSlot(int worker, bool slotFree, int l, int lo, int hi)
    {
        CoderContext c = Ctx;
        QuantizedRows q = Proposal(worker, slotFree, l, lo, hi, out int[] rows, out int offset);
        int[] symbols = c.Symbols, slots = c.Slots;
        Span<int> z = c.Z;
        int zAt = c.ZIndex(step, 0, l, 0), slotStride = c.B;
        for (int b = lo; b < hi; b++) symbols[b] = z[zAt + slots[b] * slotStride + b];
        c.Rans.PushSymbols(lo, hi, q.Table(), rows.AsSpan(offset, c.B), symbols);
    }
}
