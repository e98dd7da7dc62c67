// CodingPass: base of every pass of every coder schedule (toy and VAE). An ECS system (BaseSystem over
// the run's World) that holds the run's context and reports the rANS symbols the pass pushed and popped
// as the scheduler's "rans.push" / "rans.pop" counters, read as deltas of the flush counters around Run.
using Engine.Ecs.Scheduling;

namespace Engine.Systems.Coding;

/// <summary>A pass of a coder schedule over the context <typeparamref name="TContext"/>.</summary>
internal abstract class CodingPass<TContext> : BaseSystem<CoderTick>
    where TContext : ICodingRun
{
    private readonly Counter _push;
    private readonly Counter _pop;

    protected CodingPass(TContext context, string name)
        : base(context.World, name)
    {
        Ctx = context;
        _push = Counters.Get("rans.push");
        _pop = Counters.Get("rans.pop");
    }

    protected TContext Ctx { get; }

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
