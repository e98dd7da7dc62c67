// IRangeWork: a pass over a contiguous range of lanes or chains, written as a struct (pointer fields for
// the caller's spans) so RangeRunner can hand ranges to worker threads without capturing spans.
namespace Engine.Gpu.Cpu;

/// <summary>A pass over a contiguous item range.</summary>
internal interface IRangeWork
{
    void Run(int start, int count);
}
