// SelectSystem: the final index j ~ Cat(W_{T-1}) that picks the particle (and, through the ancestors,
// the whole lineage) whose latents the model codes. Forward/encode pops j; Backward/decode pushes it
// back once every particle is known again. With one particle j = 0 is certain and nothing is coded. Where the run
// whitens draws, the encoder mixes the heads before the pop and the decoder unmixes them after the push.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pops (encode) or pushes back (decode) the selected index j.</summary>
internal sealed class SelectSystem(CoderContext context, CodingPhase phase) : CoderSystem(context, "Select")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> lineage = Ctx.Lineage;
        int n = c.N, last = (c.T - 1) * c.B;
        if (n == 1)
        {
            for (int b = lo; b < hi; b++) lineage[last + b] = 0;
            return;
        }
        Span<int> j = lineage.Slice(last, c.B);
        if (phase == CodingPhase.Forward)
        {
            c.MixBeforeDraw(lo, hi);
            c.Rans.PopSymbols(lo, hi, c.WeightTable(c.T - 1), c.LaneRows, j);
        }
        else
        {
            c.Rans.PushSymbols(lo, hi, c.WeightTable(c.T - 1), c.LaneRows, j);
            c.UnmixAfterDraw(lo, hi);
        }
    }
}
