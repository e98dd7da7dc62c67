// RansFlush: the one place where the coder passes hand batched rANS work to a backend
// (Engine.Gpu.IRansBackend: the CPU twin or the ILGPU kernels, byte-identical by contract). Every call
// codes one symbol on each active lane of the prefix [0, count) (chains beyond it sit out this unit
// step), lanes in index order, so the words written do not depend on which pass produced them.
// Masks: lanes of one pass may disagree on whether they code (adaptive resampling); mask[b] = 0 leaves
// lane b untouched. Uniform calls need no mask: a lane with n = 1 codes nothing.
// Counters: Pushes and Pops count symbols actually coded, for the scheduler's "rans.push"/"rans.pop".
using Engine.Ans;
using Engine.Gpu;

namespace Engine.Systems.Coding;

/// <summary>Batched push / pop / uniform calls on the rANS lanes through a backend, with operation counters.</summary>
internal sealed class RansFlush(RansLanes lanes, IRansBackend backend)
{
    public RansLanes Lanes { get; } = lanes;

    public IRansBackend Backend { get; } = backend;

    /// <summary>Symbols pushed so far (all lanes).</summary>
    public long Pushes { get; private set; }

    /// <summary>Symbols popped so far (all lanes).</summary>
    public long Pops { get; private set; }

    public void Push(int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (count == 0) return;
        Backend.Push(Lanes, 0, starts[..count], freqs[..count], precision);
        Pushes += count;
    }

    public void PeekCf(int count, int precision, Span<uint> cf)
    {
        if (count == 0) return;
        Backend.PeekCf(Lanes, 0, precision, cf[..count]);
    }

    public void Commit(int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (count == 0) return;
        Backend.Commit(Lanes, 0, starts[..count], freqs[..count], precision);
        Pops += count;
    }

    /// <summary>Push on the lanes b &lt; count with mask[b] != 0.</summary>
    public void PushMasked(ReadOnlySpan<byte> mask, int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (count == 0) return;
        Backend.Push(Lanes, 0, starts[..count], freqs[..count], precision, mask[..count]);
        Pushes += CountActive(mask[..count]);
    }

    /// <summary>Commit (phase two of a pop) on the lanes b &lt; count with mask[b] != 0.</summary>
    public void CommitMasked(ReadOnlySpan<byte> mask, int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (count == 0) return;
        Backend.Commit(Lanes, 0, starts[..count], freqs[..count], precision, mask[..count]);
        Pops += CountActive(mask[..count]);
    }

    /// <summary>Pushes values[b] under Uniform(n[b]) on lanes b &lt; count; lanes with n = 1 code nothing.</summary>
    public void PushUniform(int count, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        if (count == 0) return;
        Backend.PushUniform(Lanes, 0, values[..count], n[..count]);
        Pushes += CountCoded(n[..count]);
    }

    /// <summary>Pops values[b] under Uniform(n[b]) from lanes b &lt; count; lanes with n = 1 read 0 and code nothing.</summary>
    public void PopUniform(int count, ReadOnlySpan<uint> n, Span<uint> values)
    {
        if (count == 0) return;
        Backend.PopUniform(Lanes, 0, n[..count], values[..count]);
        Pops += CountCoded(n[..count]);
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
