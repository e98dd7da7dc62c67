// RansFlush: the one place where the coder passes hand batched rANS work to a backend. Every call codes
// one symbol on each active lane of the prefix [0, count) (chains beyond it sit out this unit step),
// lanes in index order, so the words written are the same whichever pass produced them. Today it calls
// Engine.Ans.RansLanes directly; switching to the Engine.Gpu backend interface changes only this file.
//
// Masks: lanes of one pass may disagree on whether they code (adaptive resampling). Masked calls split
// the prefix into maximal runs of active lanes and issue one range call per run, so an inactive lane's
// state is never touched. Uniform calls need no mask: a lane with n = 1 codes nothing (RansLanes skips it).
// Counters: Pushes and Pops count symbols actually coded, for the scheduler's "rans.push"/"rans.pop".
using Engine.Ans;

namespace Engine.Systems.Coding;

/// <summary>Batched push / pop / uniform calls on the rANS lanes, with operation counters.</summary>
internal sealed class RansFlush
{
    public RansFlush(RansLanes lanes) => Lanes = lanes;

    public RansLanes Lanes { get; }

    /// <summary>Symbols pushed so far (all lanes).</summary>
    public long Pushes { get; private set; }

    /// <summary>Symbols popped so far (all lanes).</summary>
    public long Pops { get; private set; }

    public void Push(int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (count == 0) return;
        Lanes.Push(0, starts[..count], freqs[..count], precision);
        Pushes += count;
    }

    public void PeekCf(int count, int precision, Span<uint> cf)
    {
        if (count == 0) return;
        Lanes.PeekCf(0, precision, cf[..count]);
    }

    public void Commit(int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        if (count == 0) return;
        Lanes.Commit(0, starts[..count], freqs[..count], precision);
        Pops += count;
    }

    /// <summary>Push on the lanes b &lt; count with mask[b] != 0.</summary>
    public void PushMasked(ReadOnlySpan<byte> mask, int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        int b = 0;
        while (b < count)
        {
            if (mask[b] == 0) { b++; continue; }
            int end = b + 1;
            while (end < count && mask[end] != 0) end++;
            Lanes.Push(b, starts[b..end], freqs[b..end], precision);
            Pushes += end - b;
            b = end;
        }
    }

    /// <summary>Commit (phase two of a pop) on the lanes b &lt; count with mask[b] != 0.</summary>
    public void CommitMasked(ReadOnlySpan<byte> mask, int count, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        int b = 0;
        while (b < count)
        {
            if (mask[b] == 0) { b++; continue; }
            int end = b + 1;
            while (end < count && mask[end] != 0) end++;
            Lanes.Commit(b, starts[b..end], freqs[b..end], precision);
            Pops += end - b;
            b = end;
        }
    }

    /// <summary>Pushes values[b] under Uniform(n[b]) on lanes b &lt; count; lanes with n = 1 code nothing.</summary>
    public void PushUniform(int count, ReadOnlySpan<uint> values, ReadOnlySpan<uint> n)
    {
        if (count == 0) return;
        Lanes.PushUniform(0, values[..count], n[..count]);
        Pushes += CountCoded(n[..count]);
    }

    /// <summary>Pops values[b] under Uniform(n[b]) from lanes b &lt; count; lanes with n = 1 read 0 and code nothing.</summary>
    public void PopUniform(int count, ReadOnlySpan<uint> n, Span<uint> values)
    {
        if (count == 0) return;
        Lanes.PopUniform(0, n[..count], values[..count]);
        Pops += CountCoded(n[..count]);
    }

    private static int CountCoded(ReadOnlySpan<uint> n)
    {
        int c = 0;
        foreach (uint v in n) c += v > 1 ? 1 : 0;
        return c;
    }
}
