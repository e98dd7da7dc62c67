// IChainRangeWork: a pass over a contiguous range of chains (lanes), the unit of work ChainWorkers hands to
// its threads. Implemented by the coder systems themselves, so handing out a range costs one interface
// call per range and pass, never an allocation or a call per symbol.
namespace Engine.Systems.Coding;

/// <summary>Work over chains [start, end), run by worker <c>worker</c> (0 = the calling thread).</summary>
internal interface IChainRangeWork
{
    void RunRange(int worker, int start, int end);
}
