// CoderSystem: base of every toy coder pass: a CodingPass over the shared CoderContext (which reports the
// rANS counters) that can also split its work over chain ranges.
// A pass whose work is per chain writes it as RunRange over a chain range and calls ForChains, which
// runs it on the context's ChainWorkers (inline for few chains); chunk passes report the rows they
// touched with AddEntities (thread-safe), since workers filter rows by chain range.
namespace Engine.Systems.Coding;

/// <summary>A pass of a coder schedule.</summary>
internal abstract class CoderSystem(CoderContext context, string name)
    : CodingPass<CoderContext>(context, name), IChainRangeWork
{
    /// <summary>Runs <see cref="RunRange"/> over chains [0, <paramref name="count"/>), split across the workers when large.</summary>
    protected void ForChains(int count) => Ctx.Workers.Run(this, count);

    /// <summary>The pass's work on chains [start, end); <paramref name="worker"/> indexes per-worker scratch.</summary>
    protected virtual void RunRange(int worker, int start, int end) =>
        throw new InvalidOperationException($"{GetType().Name} has no per-chain-range form.");

    /// <summary>Reports entities touched by a chunk pass (any thread).</summary>
    protected void AddEntities(long count)
    {
        if (count != 0) Counters.AddEntities(count);
    }

    void IChainRangeWork.RunRange(int worker, int start, int end) => RunRange(worker, start, end);
}
