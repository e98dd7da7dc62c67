// FlowBeginUnitSystem: opens a unit step (one data vector per chain), as BeginUnitSystem does for the McBits coders:
// lanes whose run still has a unit form the prefix [0, ActiveLanes), each coding unit UnitCount - 1 - s of its run, so the
// encoder walks its run backwards and the decoder, ticking s downwards, emits it forwards.
using Engine.Components;
using Engine.Ecs.Scheduling;
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>Selects the active lanes of a unit step.</summary>
internal sealed class FlowBeginUnitSystem(FlowContext context) : BaseSystem<CoderTick>(context.World, "BeginUnit")
{
    public override void Update(in CoderTick state)
    {
        int active = 0;
        Span<ChainCursor> cursors = context.Cursors;
        for (int b = 0; b < context.B; b++)
        {
            ref ChainCursor cursor = ref cursors[b];
            cursor.Current = cursor.UnitCount > state.UnitStep ? cursor.UnitCount - 1 - state.UnitStep : -1;
            if (cursor.Current >= 0) active = b + 1;
        }
        context.ActiveLanes = active;
        Counters.AddEntities(context.B);
    }
}
