// RansFlush: the one place where the coder passes hand batched rANS work to a backend
// (Engine.Gpu.IRansBackend: the CPU twin or the ILGPU kernels, byte-identical by contract). Every call
// codes one symbol on each active lane of a lane range [start, end) (a pass's whole active prefix, or the
// part of it one ChainWorkers range owns; chains beyond the prefix sit out this unit step), lanes in
// index order, so the words written do not depend on which pass, or which thread, produced them.
// Spans are indexed by lane over all B lanes; a call slices its range.
// Masks: lanes of one pass may disagree on whether they code (adaptive resampling); mask[b] = 0 leaves
// lane b untouched. Uniform calls need no mask: a lane with n = 1 codes nothing.
// Table calls (PushSymbols / PopSymbols) take a CdfTable and a row per lane: the backend finds each pop's symbol
// by the integer CDF search, so no pass searches a table on the host.
// Counters: Pushes and Pops count symbols actually coded, for the scheduler's "rans.push"/"rans.pop";
// ranges add to them once per call, atomically only when the run has several workers.
using Engine.Ans;
using Engine.Gpu;

namespace Engine.Systems.Coding;

/// <summary>Batched push / pop / uniform calls on the rANS lanes through a backend, with operation counters.</summary>
internal sealed class RansFlush(RansLanes lanes, IRansBackend backend, bool concurrent)
{
    private long _pushes, _pops;

    public RansLanes Lanes { get; } = lanes;

    public IRansBackend Backend { get; } = backend;

    /// <summary>Symbols pushed so far (all lanes).</summary>
    public long Pushes => Interlocked.Read(ref _pushes);

    /// <summary>Symbols popped so far (all lanes).</summary>
    public long Pops => Interlocked.Read(ref _pops);

    public void Push(int start, int end, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (end <= start) return;
        Backend.Push(Lanes, start, starts[start..end], freqs[start..end], precision);
        Count(ref _pushes, end - start);
    }

    public void PeekCf(int start, int end, int precision, Span<uint> cf)
    {
        if (end <= start) return;
        Backend.PeekCf(Lanes, start, precision, cf[start..end]);
    }

    public void Commit(int start, int end, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (end <= start) return;
        Backend.Commit(Lanes, start, starts[start..end], freqs[start..end], precision);
        Count(ref _pops, end - start);
    }

    /// <summary>Push on the lanes of [start, end) with mask[b] != 0.</summary>
    public void PushMasked(ReadOnlySpan<byte> mask, int start, int end, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (end <= start) return;
        Backend.Push(Lanes, start, starts[start..end], freqs[start..end], precision, mask[start..end]);
        Count(ref _pushes, CountActive(mask[start..end]));
    }

    /// <summary>Commit (phase two of a pop) on the lanes of [start, end) with mask[b] != 0.</summary>
    public void CommitMasked(ReadOnlySpan<byte> mask, int start, int end, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (end <= start) return;
        Backend.Commit(Lanes, start, starts[start..end], freqs[start..end], precision, mask[start..end]);
        Count(ref _pops, CountActive(mask[start..end]));
    }

    /// <summary>Pushes symbols[b] with row rows[b] of <paramref name="table"/> on the lanes of [start, end) (mask[b] != 0 where
    /// a mask is given).</summary>
    public void PushSymbols(int start, int end, CdfTable table, ReadOnlySpan<int> rows, ReadOnlySpan<int> symbols, ReadOnlySpan<byte> mask = default)
    {
        if (end <= start) return;
        Backend.PushSymbols(Lanes, start, table, rows[start..end], symbols[start..end], mask.IsEmpty ? mask : mask[start..end]);
        Count(ref _pushes, mask.IsEmpty ? end - start : CountActive(mask[start..end]));
    }

    /// <summary>Pops symbols[b] from row rows[b] of <paramref name="table"/> on the lanes of [start, end) (the backend's integer CDF
    /// search; mask[b] != 0 where a mask is given, other lanes keep symbols[b]).</summary>
    public void PopSymbols(int start, int end, CdfTable table, ReadOnlySpan<int> rows, Span<int> symbols, ReadOnlySpan<byte> mask = default)
    {
        if (end <= start) return;
        Backend.PopSymbols(Lanes, start, table, rows[start..end], symbols[start..end], mask.IsEmpty ? mask : mask[start..end]);
        Count(ref _pops, mask.IsEmpty ? end - start : CountActive(mask[start..end]));
    }

    /// <summary>Pushes values[b] under Uniform(n[b]) on lanes of [start, end); lanes with n = 1 code nothing.</summary>
    public void PushUniform(int start, int end, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        if (end <= start) return;
        Backend.PushUniform(Lanes, start, values[start..end], n[start..end]);
        Count(ref _pushes, CountCoded(n[start..end]));
    }

    /// <summary>Pops values[b] under Uniform(n[b]) from lanes of [start, end); lanes with n = 1 read 0 and code nothing.</summary>
    public void PopUniform(int start, int end, ReadOnlySpan<uint> n, Span<uint> values)
    {
        if (end <= start) return;
        Backend.PopUniform(Lanes, start, n[start..end], values[start..end]);
        Count(ref _pops, CountCoded(n[start..end]));
    }

    /// <summary>Adds to a counter: atomically when several workers code at once, plainly otherwise (an atomic add per call
    /// is a measurable share of a one-chain coder's per-symbol cost).</summary>
    private void Count(ref long counter, int n)
    {
        if (concurrent) Interlocked.Add(ref counter, n);
        else counter += n;
    }

    private static int CountActive(ReadOnlySpan<byte> mask)
    {
        int c = 0;
        foreach (byte m in mask) c += m != 0 ? 1 : 0;
        return c;
    }

    private static int CountCoded(ReadOnlySpan<uint> n)
    {
        int c = 0;
        foreach (uint v in n) c += v > 1 ? 1 : 0;
        return c;
    }
}
