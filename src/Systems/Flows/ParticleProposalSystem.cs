// ParticleProposalSystem: the N index particles of the importance-sampling coder under the hierarchical proposal
// q(u | x~). Encode (first after dequantisation) pops particles k = 0 .. N-1, each walked down the layers (FlowContext.
// WalkParticle), which also leaves their log weights; decode (last before the dequantisation) pushes them back in the mirror
// order, k = N-1 .. 0, each walked first to get its q.
namespace Engine.Systems.Flows;

/// <summary>Pops (encode) or pushes (decode) every index particle with the model's q(u | x~).</summary>
internal sealed class ParticleProposalSystem(FlowContext context) : FlowSystem(context, "ParticleProposal")
{
    protected override void Encode(int unitStep)
    {
        for (int k = 0; k < Ctx.N; k++) Ctx.WalkParticle(k, ParticleDraw.Pop);
    }

    protected override void Decode(int unitStep)
    {
        for (int k = Ctx.N - 1; k >= 0; k--)
        {
            Ctx.WalkParticle(k, ParticleDraw.Given);
            Ctx.PushParticle(k);
        }
    }
}
