// BeginUnitSystem: opens a unit step. Lanes whose run still has a unit at this step form the prefix
// [0, ActiveLanes) (runs are non-increasing in length); each codes unit UnitCount - 1 - s of its run,
// so the encoder walks its run backwards and the decoder, running s downwards, emits it forwards.
// Each chain's ChainCursor says which unit it codes (or -1). Encode also loads the unit's observed symbols
// (step-major in the data, W per step) into the chain-steps' Observed components, and hands every step's x_t to the model session (IModelSession.Observe, once for all active
// chains: a network proposal runs its encoder there).
using Engine.Components;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Selects the active lanes of a unit step and (encode) loads their observations.</summary>
internal sealed class BeginUnitSystem(CoderContext context) : CoderSystem(context, "BeginUnit")
{
    protected override void Run(int unitStep)
    {
        CoderContext c = Ctx;
        int active = 0;
        Span<ChainCursor> cursors = c.Cursors;
        for (int b = 0; b < c.B; b++)
        {
            ref ChainCursor cursor = ref cursors[b];
            cursor.Current = cursor.UnitCount > unitStep ? cursor.UnitCount - 1 - unitStep : -1;
            if (cursor.Current >= 0) active = b + 1;
        }
        c.ActiveLanes = active;
        AddEntities(c.B);
        if (c.Decoding) return;
        Span<int> x = c.X;
        for (int b = 0; b < active; b++)
        {
            int offset = cursors[b].Unit * c.T * c.W;
            for (int t = 0; t < c.T; t++)
                for (int w = 0; w < c.W; w++) x[(w * c.T + t) * c.B + b] = c.Data[offset + t * c.W + w];
        }
        for (int t = 0; t < c.T; t++) c.ObserveStep(t, 0, active);
        AddEntities(active * c.T);
    }
}
