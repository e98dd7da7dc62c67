// CoderSystem: base of every coder pass. An ECS system (BaseSystem over the run's World) that holds the
// run's CoderContext and reports the rANS symbols the pass pushed and popped as the scheduler's
// "rans.push" / "rans.pop" counters (deltas of the flush counters around Run), and that can split its
// work over chain ranges: a pass whose work is per chain writes it as RunRange over a chain range and calls
// ForChains, which runs it on the context's ChainWorkers (inline for few chains); passes report the entities
// whose components they wrote with AddEntities (thread-safe: each worker reports its own chain range). With
// tracing on and the pass split over several workers, each range is also a span on its worker's thread
// ("range" spans named "<pass> chains lo-hi"), so a trace shows one track per worker.
using Engine.Ecs.Scheduling;

namespace Engine.Systems.Coding;

/// <summary>A pass of a coder schedule.</summary>
internal abstract class CoderSystem : BaseSystem<CoderTick>, IChainRangeWork
{
    private readonly Counter _push;
    private readonly Counter _pop;
    private int _unitStep;

    protected CoderSystem(CoderContext context, string name)
        : base(context.World, name)
    {
        Ctx = context;
        _push = Counters.Get("rans.push");
        _pop = Counters.Get("rans.pop");
    }

    protected CoderContext Ctx { get; }

    public sealed override void Update(in CoderTick state)
    {
        long pushes = Ctx.Rans.Pushes, pops = Ctx.Rans.Pops;
        _unitStep = state.UnitStep;
        Run(state.UnitStep);
        if (Ctx.Rans.Pushes != pushes) _push.Add(Ctx.Rans.Pushes - pushes);
        if (Ctx.Rans.Pops != pops) _pop.Add(Ctx.Rans.Pops - pops);
    }

    /// <summary>The pass's work for unit step <paramref name="unitStep"/>.</summary>
    protected abstract void Run(int unitStep);

    /// <summary>Runs <see cref="RunRange"/> over chains [0, <paramref name="count"/>), split across the workers when large.</summary>
    protected void ForChains(int count) => Ctx.Workers.Run(this, count);

    /// <summary>The pass's work on chains [start, end); <paramref name="worker"/> indexes per-worker scratch.</summary>
    protected virtual void RunRange(int worker, int start, int end) =>
        throw new InvalidOperationException($"{GetType().Name} has no per-chain-range form.");

    /// <summary>Reports entities whose components the pass wrote (any thread).</summary>
    protected void AddEntities(long count)
    {
        if (count != 0) Counters.AddEntities(count);
    }

    void IChainRangeWork.RunRange(int worker, int start, int end)
    {
        if (Tracer is not { Enabled: true } tracer || !Ctx.Workers.Splitting)
        {
            RunRange(worker, start, end);
            return;
        }
        long begin = System.Diagnostics.Stopwatch.GetTimestamp();
        RunRange(worker, start, end);
        tracer.Span(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} chains {start}-{end}"), "range", Name, _unitStep, begin,
            System.Diagnostics.Stopwatch.GetTimestamp(), end - start);
    }
}
