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
        QuantizedRows q = c.ProposalTable(0, 0, lo, hi);
        Span<int> first = zs.Slice(c.ZIndex(0, 0, 0), c.B);
        if (phase == CodingPhase.Forward)
            c.Rans.PopSymbols(lo, hi, q.Table(), c.Rows, first);
        else
            c.Rans.PushSymbols(lo, hi, q.Table(), c.Rows, first);
    }
}
