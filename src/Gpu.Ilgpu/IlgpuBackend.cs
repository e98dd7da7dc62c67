// IlgpuBackend: the ILGPU twin of the backend interface (docs/architecture.md#twins), on CUDA or on ILGPU's CPU
// accelerator (a slow simulator used by the tests for correctness, never for speed).
//
// Per call: upload the lane range's heads and inputs into grown-and-reused device buffers, run one
// kernel (each compiled once per accelerator, on first use), download heads plus a per-lane status, then
// apply the at-most-one word per lane to the host tails in lane order (LaneWordTransfer). Tables are
// device copies kept per owner and version (IlgpuBackend.TableCache), or uploaded with the call. All arguments are validated on the host first,
// with the same checks as the CPU twin, so kernels never index out of bounds.
// This file: construction, the device objects and the shared push / pop finishing steps.
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using Engine.Ans;

namespace Engine.Gpu.Ilgpu;

/// <summary>The ILGPU backend: integer rANS, search and resampling kernels on CUDA or the ILGPU CPU accelerator.</summary>
public sealed partial class IlgpuBackend : IRansBackend
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly DeviceBuffer<ulong> _heads;
    private readonly DeviceBuffer<uint> _u32A, _u32B, _u32C;
    private readonly DeviceBuffer<int> _i32A, _i32B;
    private readonly DeviceBuffer<byte> _mask, _status;
    private ulong[] _hostHeads = [];
    private byte[] _hostStatus = [];
    private int[] _hostInts = [];
    private bool _disposed;

    private IlgpuBackend(Context context, Accelerator accelerator, BackendKind kind)
    {
        _context = context;
        _accelerator = accelerator;
        _stream = accelerator.DefaultStream;
        Kind = kind;
        Name = BackendKinds.ToName(kind);
        _heads = new(accelerator);
        _u32A = new(accelerator);
        _u32B = new(accelerator);
        _u32C = new(accelerator);
        _i32A = new(accelerator);
        _i32B = new(accelerator);
        _mask = new(accelerator);
        _status = new(accelerator);
    }

    /// <summary>"ilgpu-cpu" or "cuda".</summary>
    public string Name { get; }

    /// <inheritdoc />
    public BackendKind Kind { get; }

    /// <inheritdoc />
    public bool ConcurrentLaneCalls => false;

    /// <summary>The accelerator's own description (device name, memory), for logs and benchmark notes.</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>Creates the backend on ILGPU's CPU accelerator (always available; slow: for tests).</summary>
    public static IlgpuBackend CreateCpu()
    {
        Context context = Context.Create(builder => builder.CPU());
        try
        {
            return new IlgpuBackend(context, context.CreateCPUAccelerator(0), BackendKind.IlgpuCpu);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Creates the backend on the first CUDA device.</summary>
    /// <exception cref="BackendUnavailableException">No CUDA device or driver is present.</exception>
    public static IlgpuBackend CreateCuda()
    {
        Context context;
        try
        {
            context = Context.Create(builder => builder.Cuda());
        }
        catch (Exception e)
        {
            throw new BackendUnavailableException(BackendKind.Cuda, "the CUDA runtime could not be initialised.", e);
        }
        try
        {
            if (context.GetCudaDevices().Count == 0)
                throw new BackendUnavailableException(BackendKind.Cuda, "no CUDA device was found (is an NVIDIA GPU and driver present?).");
            return new IlgpuBackend(context, context.CreateCudaAccelerator(0), BackendKind.Cuda);
        }
        catch (Exception e) when (e is not BackendUnavailableException)
        {
            context.Dispose();
            throw new BackendUnavailableException(BackendKind.Cuda, "the CUDA device could not be opened.", e);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>True when ILGPU finds at least one CUDA device.</summary>
    public static bool IsCudaAvailable()
    {
        try
        {
            using Context context = Context.Create(builder => builder.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception)
        {
            // No driver library, or a driver too old for ILGPU: treat as absent.
            return false;
        }
    }

    /// <summary>Releases the device buffers, cached tables, accelerator and context.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ClearTableCache();
        _heads.Dispose();
        _u32A.Dispose();
        _u32B.Dispose();
        _u32C.Dispose();
        _i32A.Dispose();
        _i32B.Dispose();
        _mask.Dispose();
        _status.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }

    /// <inheritdoc />
    public void PeekCf(RansLanes lanes, int firstLane, int precision, Span<uint> cf)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        HostLanes.PeekCf(lanes, firstLane, precision, cf);
    }

    private ArrayView<ulong> UploadHeads(RansLanes lanes, int firstLane, int n)
        => _heads.Upload(_stream, lanes.Heads.Slice(firstLane, n));

    /// <summary>
    /// After a push kernel: rejects the call if any lane was Bad (before touching the lanes), moves the old
    /// low word of every Emitted lane to its tail in lane order, then writes the new heads.
    /// </summary>
    private void FinishPush(RansLanes lanes, int firstLane, int n, ArrayView<ulong> heads, string what)
    {
        Span<ulong> newHeads = Grow(ref _hostHeads, n);
        Span<byte> status = Grow(ref _hostStatus, n);
        Enqueue(heads, newHeads);
        Enqueue(_status.View(n), status);
        _stream.Synchronize();
        int bad = status.IndexOf(RansKernels.Bad);
        if (bad >= 0)
            throw new ArgumentException($"Lane {firstLane + bad}: {what}");
        Span<ulong> laneHeads = lanes.Heads.Slice(firstLane, n);
        for (int i = 0; i < n; i++)
        {
            if (status[i] == RansKernels.Emitted)
                LaneWordTransfer.Emit(lanes, firstLane + i, (uint)laneHeads[i]);
        }
        newHeads.CopyTo(laneHeads);
    }

    /// <summary>
    /// After a pop kernel (and any downloads the caller enqueued): rejects the call if any lane reported 0
    /// (invalid input), then writes every head, refilling in lane order the lanes that fell below 2^32.
    /// </summary>
    private void FinishPop(RansLanes lanes, int firstLane, int n, ArrayView<ulong> heads, string what)
    {
        Span<ulong> newHeads = Grow(ref _hostHeads, n);
        Enqueue(heads, newHeads);
        _stream.Synchronize();
        int bad = newHeads.IndexOf(0UL);
        if (bad >= 0)
            throw new ArgumentException($"Lane {firstLane + bad}: {what}");
        Span<ulong> laneHeads = lanes.Heads.Slice(firstLane, n);
        for (int i = 0; i < n; i++)
        {
            ulong x = newHeads[i];
            if (x < RansStep.LowerBound)
                LaneWordTransfer.Refill(lanes, firstLane + i, x);
            else
                laneHeads[i] = x;
        }
    }

    private Span<int> HostInts(int n) => Grow(ref _hostInts, n);

    private static Span<T> Grow<T>(ref T[] buffer, int n)
    {
        if (buffer.Length < n)
            buffer = new T[System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n)];
        return buffer.AsSpan(0, n);
    }

    /// <summary>Queues a device-to-host copy of the first host.Length elements; the caller synchronises before reading.</summary>
    private void Enqueue<T>(ArrayView<T> view, Span<T> host) where T : unmanaged
    {
        if (!host.IsEmpty)
            ((ArrayView1D<T, Stride1D.Dense>)view.SubView(0, host.Length)).CopyToCPU(_stream, host);
    }
}
