// CpuBackend: the CPU twin of the backend interface (docs/architecture.md#twins). Lane calls run Engine.Ans.RansLanes'
// own range loops (so the CPU twin is the reference semantics by construction), split into one
// contiguous lane range per core with RangeRunner when the batch is large; searches over a chain's
// particles use VectorSearch (AVX2 gathers); PeekCf and argument scans use Vector256.
//
// Parallel work reaches the worker threads as structs holding pointers to the caller's pinned spans
// (spans cannot be captured); the calls are synchronous, so the pins outlive the workers.
// This file: construction and identity; operations live in CpuBackend.*.cs (masked passes walk MaskRuns).
using Engine.Ans;

namespace Engine.Gpu.Cpu;

/// <summary>The CPU backend: Span loops over <see cref="RansLanes"/>, Vector256 searches, Parallel over lane ranges.</summary>
public sealed partial class CpuBackend : IRansBackend
{
    /// <summary>Fewest lanes one worker gets before a lane call is split across cores.</summary>
    public const int MinLanesPerTask = 4096;

    /// <summary>Fewest searches (chains × particles) one worker gets before a search call is split.</summary>
    public const int MinSearchesPerTask = 16384;

    /// <summary>Creates the backend; <paramref name="maxDegreeOfParallelism"/> 0 means one worker per core.</summary>
    public CpuBackend(int maxDegreeOfParallelism = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        MaxDegreeOfParallelism = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }

    /// <summary>"cpu".</summary>
    public string Name => "cpu";

    /// <inheritdoc />
    public BackendKind Kind => BackendKind.Cpu;

    /// <inheritdoc />
    public bool ConcurrentLaneCalls => true;

    /// <summary>Largest number of workers one call uses.</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public void PeekCf(RansLanes lanes, int firstLane, int precision, Span<uint> cf)
        => HostLanes.PeekCf(lanes, firstLane, precision, cf);

    private void Run<TWork>(in TWork work, int n, int minPerTask) where TWork : struct, IRangeWork
        => RangeRunner.Run(work, n, minPerTask, MaxDegreeOfParallelism);
}
