// ParticlePushBackSystem: what the importance-sampling coder gives back. Encode pushes every particle but the selected one
// with q (k = 0 .. N-1, each walked for its q; the selected lane sits out), then the selection j with Uniform(N). Decode
// pops j with Uniform(N), puts the decoded index (u^j, from the local bits-back passes) into particle slot j, and pops the
// other particles in the mirror order (k = N-1 .. 0), each walked down as it is popped.

namespace Engine.Systems.Flows;

/// <summary>Pushes (encode) or pops (decode) the unselected particles and the selection's uniform.</summary>
internal sealed class ParticlePushBackSystem(FlowContext context) : FlowSystem(context, "ParticlePushBack")
{
    protected override void Encode(int unitStep)
    {
        FlowContext c = Ctx;
        if (c.N == 1) return;
        for (int k = 0; k < c.N; k++)
        {
            MaskOthers(k);
            c.WalkParticle(k, ParticleDraw.Given);
            c.PushParticle(k, c.SelectMask);
        }
        c.PushSelection();
    }

    protected override void Decode(int unitStep)
    {
        FlowContext c = Ctx;
        c.PopSelection();
        ReadOnlySpan<int> selected = c.Selected;
        for (int l = 0; l < c.L; l++)
            for (int j = 0; j < c.U; j++)
            {
                ReadOnlySpan<int> u = c.Index(l, j);
                for (int b = 0; b < c.ActiveLanes; b++) c.ParticleIndex(selected[b], l, j)[b] = u[b];
            }
        for (int k = c.N - 1; k >= 0; k--)
        {
            MaskOthers(k);
            c.WalkParticle(k, ParticleDraw.Pop, c.SelectMask);
        }
    }

    // SelectMask[b] = 1 where chain b's selected particle is not k.
    private void MaskOthers(int k)
    {
        for (int b = 0; b < Ctx.ActiveLanes; b++) Ctx.SelectMask[b] = Ctx.Selected[b] == k ? (byte)0 : (byte)1;
    }
}
