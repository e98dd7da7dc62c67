// CoupledResidualSystem: what the coupled coder gives back (BB-CIS over the index). Instead of the other particles (BB-IS
// pushes each one back), only the selected particle's shared words carry information the rest of the message does not: given
// its index, each word is known up to a residual (CoupledGridDraw), uniform over freq x 2^(18 - f) values. Encode walks the
// selected particle (slot N) for its tables, pushes every residual, then the selection j with Uniform(N). Decode pops j, walks
// the decoded index (slot N) popping each residual as its table appears, and rebuilds the shared words, from which
// ParticleSelect's walk redraws every particle.

namespace Engine.Systems.Flows;

/// <summary>Pushes (encode) or pops (decode) the selected particle's residuals and the selection's uniform.</summary>
internal sealed class CoupledResidualSystem(FlowContext context) : FlowSystem(context, "CoupledResidual")
{
    protected override void Encode(int unitStep)
    {
        FlowContext c = Ctx;
        c.CopyIndexToScratch();
        c.WalkParticle(c.N, ParticleDraw.Residual);
        c.PushResiduals();
        c.PushSelection();
    }

    protected override void Decode(int unitStep)
    {
        FlowContext c = Ctx;
        c.PopSelection();
        c.CopyIndexToScratch();
        c.WalkParticle(c.N, ParticleDraw.Rebuild);
    }
}
