// BackendKind: which rANS backend runs the coders' flushed work (docs/architecture.md#twins). The CLI spells these
// "cpu", "ilgpu-cpu", "cuda" and "auto" (see BackendKinds for the mapping).
namespace Engine.Gpu;

/// <summary>The rANS backends the engine can run on.</summary>
public enum BackendKind
{
    /// <summary>The CPU backend: Span loops over RansLanes, Vector256 searches, Parallel over chain ranges.</summary>
    Cpu,

    /// <summary>The ILGPU kernels on ILGPU's CPU accelerator (a slow simulator: for correctness, never speed).</summary>
    IlgpuCpu,

    /// <summary>The ILGPU kernels on the first CUDA device; creating it fails when no CUDA device exists.</summary>
    Cuda,

    /// <summary>CUDA when a CUDA device exists, otherwise the CPU backend.</summary>
    Auto,
}
