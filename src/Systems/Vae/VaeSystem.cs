// VaeSystem: base of every VAE coder pass. An ECS system over the run's World that holds the shared
// VaeContext and reports the rANS symbols it pushed and popped as the scheduler's "rans.push" /
// "rans.pop" counters (deltas of the flush counters around each run), like the toy coders' CoderSystem.
using Engine.Ecs.Scheduling;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>A pass of a VAE coder schedule.</summary>
internal abstract class VaeSystem : BaseSystem<CoderTick>
{
    private readonly Counter _push;
    private readonly Counter _pop;

    protected VaeSystem(VaeContext context, string name)
        : base(context.World, name)
    {
        Ctx = context;
        _push = Counters.Get("rans.push");
        _pop = Counters.Get("rans.pop");
    }

    protected VaeContext Ctx { get; }

    public sealed override void Update(in CoderTick state)
    {
        long pushes = Ctx.Rans.Pushes, pops = Ctx.Rans.Pops;
        Run(state.UnitStep);
        if (Ctx.Rans.Pushes != pushes) _push.Add(Ctx.Rans.Pushes - pushes);
        if (Ctx.Rans.Pops != pops) _pop.Add(Ctx.Rans.Pops - pops);
    }

    /// <summary>The pass's work for unit step <paramref name="unitStep"/>.</summary>
    protected abstract void Run(int unitStep);
}
