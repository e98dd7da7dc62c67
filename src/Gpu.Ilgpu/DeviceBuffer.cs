// DeviceBuffer: one accelerator buffer that is grown (to the next power of two, never shrunk) and reused
// across calls, so a backend in steady state allocates nothing on the device. Uploads and downloads go
// through the backend's stream; callers synchronise before reading host memory.
using ILGPU;
using ILGPU.Runtime;

namespace Engine.Gpu.Ilgpu;

internal sealed class DeviceBuffer<T>(Accelerator accelerator) : IDisposable where T : unmanaged
{
    private const long MinCapacity = 256;
    private MemoryBuffer1D<T, Stride1D.Dense>? _buffer;

    /// <summary>Elements the buffer holds now.</summary>
    public long Capacity => _buffer?.Length ?? 0;

    /// <summary>A view of the first <paramref name="length"/> elements (at least one), growing the buffer if needed.</summary>
    public ArrayView<T> View(long length)
    {
        long n = Math.Max(1, length);
        if (_buffer is null || _buffer.Length < n)
        {
            _buffer?.Dispose();
            _buffer = null;
            _buffer = accelerator.Allocate1D<T>(Math.Max(MinCapacity, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)n)));
        }
        ArrayView<T> view = _buffer.View;
        return view.SubView(0, n);
    }

    /// <summary>Copies <paramref name="data"/> into the start of the buffer and returns its view.</summary>
    public ArrayView<T> Upload(AcceleratorStream stream, ReadOnlySpan<T> data)
    {
        ArrayView<T> view = View(data.Length);
        if (!data.IsEmpty)
            ((ArrayView1D<T, Stride1D.Dense>)view.SubView(0, data.Length)).CopyFromCPU(stream, data);
        return view;
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _buffer = null;
    }
}
