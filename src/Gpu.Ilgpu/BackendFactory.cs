// BackendFactory: turns a BackendKind (or its CLI name) into a live backend. Auto picks CUDA when ILGPU
// finds a CUDA device and the CPU backend otherwise; an explicit Cuda request on a machine without one
// fails with BackendUnavailableException instead of silently running elsewhere. CUDA detection creates
// a throw-away ILGPU context once per process and caches the answer.
using Engine.Gpu.Cpu;
using Engine.Gpu.Ilgpu;

namespace Engine.Gpu;

/// <summary>Creates rANS backends by kind.</summary>
public static class BackendFactory
{
    private static readonly Lazy<bool> CudaPresent = new(IlgpuBackend.IsCudaAvailable);

    /// <summary>True when a CUDA device is present (probed once per process).</summary>
    public static bool IsCudaAvailable => CudaPresent.Value;

    /// <summary>The concrete kind <paramref name="kind"/> resolves to here (Auto becomes Cuda or Cpu).</summary>
    public static BackendKind Resolve(BackendKind kind) => kind switch
    {
        BackendKind.Auto => IsCudaAvailable ? BackendKind.Cuda : BackendKind.Cpu,
        BackendKind.Cpu or BackendKind.IlgpuCpu or BackendKind.Cuda => kind,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown backend kind."),
    };

    /// <summary>Creates the backend for <paramref name="kind"/>; the caller disposes it.</summary>
    /// <exception cref="BackendUnavailableException">Cuda was requested and no CUDA device exists.</exception>
    public static IRansBackend Create(BackendKind kind) => Resolve(kind) switch
    {
        BackendKind.Cpu => new CpuBackend(),
        BackendKind.IlgpuCpu => IlgpuBackend.CreateCpu(),
        _ => IlgpuBackend.CreateCuda(),
    };

    /// <summary>Creates the backend named <paramref name="name"/> ("cpu", "ilgpu-cpu", "cuda" or "auto").</summary>
    /// <exception cref="FormatException">Not a backend name.</exception>
    /// <exception cref="BackendUnavailableException">Cuda was requested and no CUDA device exists.</exception>
    public static IRansBackend Create(string name) => Create(BackendKinds.Parse(name));
}
