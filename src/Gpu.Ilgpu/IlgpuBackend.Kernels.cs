// IlgpuBackend.Kernels: each RansKernels method loaded as an auto-grouped stream kernel the first time it
// is needed, then reused for the life of the accelerator (ILGPU compiles a kernel once per load).
using ILGPU;
using ILGPU.Runtime;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>, int, int, ArrayView<byte>>? _pushIntervals;
    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>, int, int>? _commitIntervals;
    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<int>, int, int, int, ArrayView<int>, ArrayView<byte>, int, ArrayView<byte>>? _pushTable;
    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<int>, int, int, int, ArrayView<int>, ArrayView<byte>, int>? _popTable;
    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>>? _pushUniform;
    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>>? _popUniform;
    private Action<Index1D, ArrayView<uint>, ArrayView<int>, int, int, int, uint, ArrayView<uint>, ArrayView<uint>, int, ArrayView<int>>? _coupled;
    private Action<Index1D, ArrayView<uint>, int, int, uint, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>, int, ArrayView<int>>? _systematic;

    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>, int, int, ArrayView<byte>> PushIntervalsKernel
        => _pushIntervals ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>,
            ArrayView<byte>, int, int, ArrayView<byte>>(RansKernels.PushIntervals);

    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>, int, int> CommitIntervalsKernel
        => _commitIntervals ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>,
            ArrayView<byte>, int, int>(RansKernels.CommitIntervals);

    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<int>, int, int, int, ArrayView<int>, ArrayView<byte>, int, ArrayView<byte>> PushTableKernel
        => _pushTable ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<int>,
            int, int, int, ArrayView<int>, ArrayView<byte>, int, ArrayView<byte>>(RansKernels.PushTable);

    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<int>, int, int, int, ArrayView<int>, ArrayView<byte>, int> PopTableKernel
        => _popTable ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<int>,
            int, int, int, ArrayView<int>, ArrayView<byte>, int>(RansKernels.PopTable);

    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>> PushUniformKernel
        => _pushUniform ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>,
            ArrayView<byte>>(RansKernels.PushUniform);

    private Action<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>> PopUniformKernel
        => _popUniform ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<uint>, ArrayView<uint>>(
            RansKernels.PopUniform);

    private Action<Index1D, ArrayView<uint>, ArrayView<int>, int, int, int, uint, ArrayView<uint>, ArrayView<uint>, int, ArrayView<int>> CoupledKernel
        => _coupled ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<uint>, ArrayView<int>, int, int, int, uint,
            ArrayView<uint>, ArrayView<uint>, int, ArrayView<int>>(RansKernels.CoupledInverseCdf);

    private Action<Index1D, ArrayView<uint>, int, int, uint, ArrayView<uint>, ArrayView<uint>, ArrayView<byte>, int, ArrayView<int>> SystematicKernel
        => _systematic ??= _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<uint>, int, int, uint, ArrayView<uint>,
            ArrayView<uint>, ArrayView<byte>, int, ArrayView<int>>(RansKernels.Systematic);
}
