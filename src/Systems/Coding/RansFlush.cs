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
// Uniforms (a value in [0, n): the coupled coders' residuals, the lineage slot): through format version 3 every one is
// the backend's exact uniform at precision 32, which costs about 0.003 bits above log2 n per push, because 2^32 is also
// the head's lower bound. From version 4 (uniformPrecision 24) a lane whose n fits 2^24 codes the same near-equal
// frequencies at precision 24 through the plain table calls — about 0.0001 of that cost, and no backend change — and
// only a lane with a larger n (a weight bucket at p > 24) still takes the exact uniform. Each lane is coded by exactly
// one of the two, decided by its own n, which the decoder knows before it pops.
// Counters: Pushes and Pops count symbols actually coded, for the scheduler's "rans.push"/"rans.pop";
// ranges add to them once per call, atomically only when the run has several workers.
using Engine.Ans;
using Engine.Gpu;

namespace Engine.Systems.Coding;

/// <summary>Batched push / pop / uniform calls on the rANS lanes through a backend, with operation counters.</summary>
internal sealed class RansFlush(RansLanes lanes, IRansBackend backend, bool concurrent, int uniformPrecision = ExactUniform.Precision)
{
    /// <summary>The precision of uniforms from format version 4 on (32 before).</summary>
    public const int CompactUniformPrecision = 24;

    private long _pushes, _pops;

    // Per-lane scratch of the compact uniforms (workers touch disjoint lanes).
    private readonly uint[] _starts = new uint[lanes.Count], _freqs = new uint[lanes.Count], _cf = new uint[lanes.Count],
        _wide = new uint[lanes.Count], _wideValues = new uint[lanes.Count];
    private readonly byte[] _compact = new byte[lanes.Count];

    /// <summary>Precision uniforms are coded at (32: the backend's exact uniform for every lane).</summary>
    public int UniformPrecision { get; } = uniformPrecision;

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
        if (UniformPrecision == ExactUniform.Precision)
        {
            Backend.PushUniform(Lanes, start, values[start..end], n[start..end]);
            Count(ref _pushes, CountCoded(n[start..end]));
            return;
        }
        bool wide = SplitByWidth(start, end, n);
        for (int b = start; b < end; b++)
            if (_compact[b] != 0) (_starts[b], _freqs[b]) = ExactUniform.Interval(values[b], n[b], UniformPrecision);
        PushMasked(_compact, start, end, _starts, _freqs, UniformPrecision);
        if (wide)
        {
            Backend.PushUniform(Lanes, start, values[start..end], _wide.AsSpan(start, end - start));
            Count(ref _pushes, CountCoded(_wide.AsSpan(start, end - start)));
        }
    }

    /// <summary>Pops values[b] under Uniform(n[b]) from lanes of [start, end); lanes with n = 1 read 0 and code nothing.</summary>
    public void PopUniform(int start, int end, ReadOnlySpan<uint> n, Span<uint> values)
    {
        if (end <= start) return;
        if (UniformPrecision == ExactUniform.Precision)
        {
            Backend.PopUniform(Lanes, start, n[start..end], values[start..end]);
            Count(ref _pops, CountCoded(n[start..end]));
            return;
        }
        bool wide = SplitByWidth(start, end, n);
        PeekCf(start, end, UniformPrecision, _cf);
        for (int b = start; b < end; b++)
        {
            if (_compact[b] == 0)
            {
                values[b] = 0;
                continue;
            }
            values[b] = ExactUniform.Value(_cf[b], n[b], UniformPrecision);
            (_starts[b], _freqs[b]) = ExactUniform.Interval(values[b], n[b], UniformPrecision);
        }
        CommitMasked(_compact, start, end, _starts, _freqs, UniformPrecision);
        if (!wide) return;
        Backend.PopUniform(Lanes, start, _wide.AsSpan(start, end - start), _wideValues.AsSpan(start, end - start));
        Count(ref _pops, CountCoded(_wide.AsSpan(start, end - start)));
        for (int b = start; b < end; b++)
            if (_wide[b] > 1) values[b] = _wideValues[b];
    }

    // Marks the lanes of [start, end) whose n (>= 2) fits the compact precision, and puts every other n >= 2 into _wide (1
    // elsewhere, so the exact-uniform call skips the compact lanes); true when some lane is wide.
    private bool SplitByWidth(int start, int end, ReadOnlySpan<uint> n)
    {
        bool wide = false;
        ulong limit = 1UL << UniformPrecision;
        for (int b = start; b < end; b++)
        {
            if (n[b] == 0) throw new ArgumentOutOfRangeException(nameof(n), $"Lane {b}: a uniform over 0 values.");
            bool compact = n[b] >= 2 && n[b] <= limit;
            _compact[b] = compact ? (byte)1 : (byte)0;
            _wide[b] = compact ? 1u : n[b];
            wide |= !compact && n[b] >= 2;
        }
        return wide;
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
