// AnnealStartSystem (AIS): the chain's first state z_0 ~ q(. | x). Forward/encode pops it; Backward/decode
// pushes it back as the very last operation of the unit (the mirror of the encoder's first pop).
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pops (encode) or pushes back (decode) the annealing chain's initial state.</summary>
internal sealed class AnnealStartSystem(CoderContext context, CodingPhase phase) : CoderSystem(context, "AnnealStart")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> zs = Ctx.Z;
        int k = c.K;
        QuantizedRows q = c.ProposalTable(0, 0, lo, hi);
        if (phase == CodingPhase.Forward)
        {
            c.Rans.PeekCf(lo, hi, c.R, c.Cf);
            for (int b = lo; b < hi; b++)
            {
                int row = c.Rows[b];
                int z = q.Lookup(row, c.Cf[b]);
                zs[c.ZIndex(0, 0, b)] = z;
                c.Starts[b] = q.Start[row * k + z];
                c.Freqs[b] = q.Freq[row * k + z];
            }
            c.Rans.Commit(lo, hi, c.Starts, c.Freqs, c.R);
            return;
        }
        for (int b = lo; b < hi; b++)
        {
            int at = c.Rows[b] * k + zs[c.ZIndex(0, 0, b)];
            c.Starts[b] = q.Start[at];
            c.Freqs[b] = q.Freq[at];
        }
        c.Rans.Push(lo, hi, c.Starts, c.Freqs, c.R);
    }
}
