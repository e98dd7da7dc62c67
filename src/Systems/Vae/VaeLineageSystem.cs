// VaeLineageSystem: codes the selected index j with Uniform(N) — the extended target P(x, Z) picks the
// particle the model explains uniformly (McBits' BB-IS). Backward (encode) pushes j after the other
// particles; Forward (decode) pops it right after x, before the other particles it places.
// N = 1 codes nothing (RansLanes skips n = 1).
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Pushes (encode) or pops (decode) the selected index with Uniform(N).</summary>
internal sealed class VaeLineageSystem(VaeContext context, CodingPhase phase) : VaeSystem(context, "Lineage")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes;
        if (a == 0) return;
        for (int b = 0; b < a; b++)
        {
            c.Ns[b] = (uint)c.N;
            c.Values[b] = phase == CodingPhase.Backward ? (uint)c.Lineage[b] : 0u;
        }
        if (phase == CodingPhase.Backward)
        {
            c.Rans.PushUniform(a, c.Values, c.Ns);
            return;
        }
        c.Rans.PopUniform(a, c.Ns, c.Values);
        for (int b = 0; b < a; b++) c.Lineage[b] = (int)c.Values[b];
    }
}
