// LineageSystem (step t): codes the lineage's slot b_t with Uniform(N) where a new lineage segment starts
// (t = 0, or the lane resampled after t - 1); elsewhere b_t = b_{t-1} is implied. Backward (encode) pushes
// the traced b_t; Forward (decode) pops it before the step's ancestors and particles, which it needs.
// Lanes that code nothing get n = 1, which RansLanes skips.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pushes (encode) or pops (decode) the lineage slot at step t with Uniform(N).</summary>
internal sealed class LineageSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "Lineage")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> lineage = Ctx.Lineage;
        Span<byte> resampled = Ctx.Resampled;
        int t = step, lanes = c.B;
        for (int b = lo; b < hi; b++)
        {
            bool coded = (t == 0 || resampled[(t - 1) * lanes + b] != 0);
            c.Ns[b] = coded ? (uint)c.N : 1u;
            c.Values[b] = coded && phase == CodingPhase.Backward ? (uint)lineage[t * lanes + b] : 0u;
        }
        if (phase == CodingPhase.Backward)
        {
            c.Rans.PushUniform(lo, hi, c.Values, c.Ns);
            return;
        }
        c.Rans.PopUniform(lo, hi, c.Ns, c.Values);
        for (int b = lo; b < hi; b++)
            lineage[t * lanes + b] = (t == 0 || resampled[(t - 1) * lanes + b] != 0) ? (int)c.Values[b] : lineage[(t - 1) * lanes + b];
    }
}
