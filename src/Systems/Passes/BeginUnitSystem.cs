// BeginUnitSystem: opens a unit step. Lanes whose run still has a unit at this step form the prefix
// [0, ActiveLanes) (runs are non-increasing in length); each codes unit UnitCount - 1 - s of its run,
// so the encoder walks its run backwards and the decoder, running s downwards, emits it forwards.
// Encode also loads the unit's observed symbols (step-major, W per step) into X and the chains' Observed
// components, and hands every step's x_t to the model session (IModelSession.Observe, once for all active
// chains: a network proposal runs its encoder there).
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Selects the active lanes of a unit step and (encode) loads their observations.</summary>
internal sealed class BeginUnitSystem(CoderContext context) : CoderSystem(context, "BeginUnit")
{
    protected override void Run(int unitStep)
    {
        CoderContext c = Ctx;
        int active = 0;
        for (int b = 0; b < c.B; b++)
        {
            if (c.UnitCount[b] > unitStep)
            {
                active = b + 1;
                c.UnitOfLane[b] = c.FirstUnit[b] + c.UnitCount[b] - 1 - unitStep;
            }
            else
            {
                c.UnitOfLane[b] = -1;
            }
        }
        c.ActiveLanes = active;
        if (c.Decoding) return;
        for (int b = 0; b < active; b++)
        {
            int symbols = c.T * c.W, offset = c.UnitOfLane[b] * symbols;
            for (int s = 0; s < symbols; s++) c.X[s * c.B + b] = c.Data[offset + s];
        }
        for (int t = 0; t < c.T; t++) c.ObserveStep(t, 0, active);
        AddEntities(Scatter.Observations(c, 0, c.B));
    }
}
