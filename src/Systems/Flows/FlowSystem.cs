// FlowSystem: base of every local bits-back pass. An ECS system over the run's World that holds the FlowContext and
// reports the rANS symbols the pass pushed and popped as the scheduler's "rans.push" / "rans.pop" counters (as
// CoderSystem does for the McBits passes). Each pass codes in one of two phases: Encode, or Decode — the exact mirror:
// the inverse operations in reverse order (pushes over coordinates ascending, pops descending, so a push and the
// matching pop undo each other).
using Engine.Ecs.Scheduling;
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>A pass of a local bits-back schedule.</summary>
internal abstract class FlowSystem : BaseSystem<CoderTick>
{
    private readonly Counter _push;
    private readonly Counter _pop;

    protected FlowSystem(FlowContext context, string name)
        : base(context.World, name)
    {
        Ctx = context;
        _push = Counters.Get("rans.push");
        _pop = Counters.Get("rans.pop");
    }

    protected FlowContext Ctx { get; }

    public sealed override void Update(in CoderTick state)
    {
        long pushes = Ctx.Rans.Pushes, pops = Ctx.Rans.Pops;
        if (Ctx.ActiveLanes > 0)
        {
            if (Ctx.Decoding) Decode(state.UnitStep);
            else Encode(state.UnitStep);
            Counters.AddEntities(Ctx.ActiveLanes);
        }
        if (Ctx.Rans.Pushes != pushes) _push.Add(Ctx.Rans.Pushes - pushes);
        if (Ctx.Rans.Pops != pops) _pop.Add(Ctx.Rans.Pops - pops);
    }

    protected abstract void Encode(int unitStep);

    protected abstract void Decode(int unitStep);
}
