// CpuBackend.Uniform: exact uniforms over per-lane n, each worker range handed to RansLanes'
// PushUniform / PopUniform (precision-32 intervals, n = 1 lanes skipped).
using Engine.Ans;

namespace Engine.Gpu.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public unsafe void PushUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        int count = values.Length;
        BackendChecks.Lanes(lanes, firstLane, count);
        BackendChecks.Length(count, n.Length, nameof(n));
        fixed (uint* v = values)
        fixed (uint* nn = n)
            Run(new UniformWork(lanes, firstLane, v, nn, pop: false), count, MinLanesPerTask);
    }

    /// <inheritdoc />
    public unsafe void PopUniform(RansLanes lanes, int firstLane, ReadOnlySpan<uint> n, Span<uint> values)
    {
        int count = values.Length;
        BackendChecks.Lanes(lanes, firstLane, count);
        BackendChecks.Length(count, n.Length, nameof(n));
        fixed (uint* v = values)
        fixed (uint* nn = n)
            Run(new UniformWork(lanes, firstLane, v, nn, pop: true), count, MinLanesPerTask);
    }

    private readonly unsafe struct UniformWork(RansLanes lanes, int first, uint* values, uint* n, bool pop) : IRangeWork
    {
        public void Run(int start, int count)
        {
            var nn = new ReadOnlySpan<uint>(n + start, count);
            if (pop)
                lanes.PopUniform(first + start, nn, new Span<uint>(values + start, count));
            else
                lanes.PushUniform(first + start, new ReadOnlySpan<uint>(values + start, count), nn);
        }
    }
}
