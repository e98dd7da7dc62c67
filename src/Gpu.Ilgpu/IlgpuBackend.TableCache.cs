// IlgpuBackend.TableCache: device copies of the tables the coders reuse call after call (a model's rows, the
// VAE's 65,536-row pixel table), keyed on the view's CacheKey and refreshed when its CacheVersion moves, so a
// table is uploaded once per version rather than with every pop or push. Views without a key (weight rows made
// per step) go through the per-call upload buffer. The cache holds at most MaxCachedTables tables and is
// flushed whole when it would grow past that (a run uses a handful).
using ILGPU;
using ILGPU.Runtime;

namespace Engine.Gpu.Ilgpu;

public sealed partial class IlgpuBackend
{
    private const int MaxCachedTables = 64;

    private readonly Dictionary<object, (MemoryBuffer1D<uint, Stride1D.Dense> Buffer, long Version)> _tables =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>The device copy of <paramref name="table"/>'s rows: cached for a keyed view, uploaded afresh otherwise.</summary>
    private ArrayView<uint> TableView(CdfTable table)
    {
        if (table.CacheKey is not { } key)
            return _u32C.Upload(_stream, table.Cdf);
        if (_tables.TryGetValue(key, out var cached) && cached.Version == table.CacheVersion && cached.Buffer.Length == table.Cdf.Length)
            return cached.Buffer.View;
        if (cached.Buffer is not null)
        {
            cached.Buffer.Dispose();
            _tables.Remove(key);
        }
        if (_tables.Count >= MaxCachedTables)
            ClearTableCache();
        MemoryBuffer1D<uint, Stride1D.Dense> buffer = _accelerator.Allocate1D<uint>(Math.Max(1, table.Cdf.Length));
        buffer.View.SubView(0, table.Cdf.Length).CopyFromCPU(_stream, table.Cdf);
        _tables[key] = (buffer, table.CacheVersion);
        return buffer.View;
    }

    private void ClearTableCache()
    {
        foreach ((MemoryBuffer1D<uint, Stride1D.Dense> buffer, _) in _tables.Values)
            buffer.Dispose();
        _tables.Clear();
    }
}
