// StateSystem (step t < T - 1, models with per-particle state): once every particle of step t has its latents, the
// model computes each particle's state s_t^i from x_t, z_t^i and its parent's s_{t-1} (gathered through the
// ancestors; none at t = 0) in one IModelSession.AdvanceState call per chain range, into the particle-steps'
// ParticleState columns. Queries about step t + 1 then read the parents' words from there. Encode and decode run
// it on the same particles (decode rebuilds the encoder's particle system), so the states agree. The last step's
// states are never read, so that step has no StateSystem.
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Advances every particle's model state at step t.</summary>
internal sealed class StateSystem(CoderContext context, int step) : CoderSystem(context, "State")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step;
        ReadOnlySpan<int> parents = t > 0 ? c.GatherAllParentStates(t, lo, hi) : default;
        var batch = new StateBatch(t, lo, hi - lo, c.N, c.StepObservations(t, lo),
            c.Z[c.ZIndex(t, 0, 0, lo)..], c.B, c.ZDimStride,
            parents, c.AllParentStatesWordStride,
            c.States[c.StateIndex(t, 0, 0, lo)..], c.B, c.T * c.N * c.B);
        c.Session.AdvanceState(batch);
        AddEntities((hi - lo) * c.N);
    }
}
