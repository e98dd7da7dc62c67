// RansLanes.Coding: vector push and two-phase pop with caller-supplied (start, freq) intervals.
//
// Every call codes one symbol on each lane of [firstLane, firstLane + n), lanes in index order.
// Inputs are validated per symbol with branches that never fire on correct use (freq >= 1,
// start + freq <= 2^prec, and for a commit start <= cf < start + freq), so a caller's bug becomes an
// ArgumentException instead of a silently corrupt message. One renormalisation step always suffices
// (L = 2^32 equals the word size), so the loops carry a single predictable branch per symbol.
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Engine.Ans;

public sealed partial class RansLanes
{
    /// <summary>Pushes one symbol (interval [start, start + freq) of 2^precision) on every lane.</summary>
    public void Push(ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        CheckFullWidth(starts.Length);
        Push(0, starts, freqs, precision);
    }

    /// <summary>Pushes one symbol on each lane of [firstLane, firstLane + starts.Length).</summary>
    public void Push(int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        RansStep.CheckPrecision(precision);
        int n = starts.Length;
        CheckSpans(firstLane, n, freqs.Length);
        ulong total = 1UL << precision;
        int emitShift = 64 - precision;
        Span<ulong> heads = _heads.AsSpan(firstLane, n);
        freqs = freqs[..n];
        for (int i = 0; i < heads.Length; i++)
        {
            uint f = freqs[i], s = starts[i];
            if (f == 0 || s + (ulong)f > total)
                ThrowBadInterval(firstLane + i, s, f, precision);
            ulong x = heads[i];
            if ((x >> emitShift) >= f)
            {
                Emit(firstLane + i, (uint)x);
                x >>= 32;
            }
            heads[i] = RansStep.Encode(x, s, f, precision);
        }
    }

    /// <summary>Pushes [start, start + freq) of 2^precision on lane <paramref name="lane"/> alone: the one-lane form of
    /// <see cref="Push(int, ReadOnlySpan{uint}, ReadOnlySpan{uint}, int)"/>, the same bytes without the span set-up, for
    /// callers that code a few lanes one by one.</summary>
    public void PushOne(int lane, uint start, uint freq, int precision)
    {
        RansStep.CheckPrecision(precision);
        if ((uint)lane >= (uint)_heads.Length)
            ThrowLaneRange(lane, 1);
        if (freq == 0 || start + (ulong)freq > 1UL << precision)
            ThrowBadInterval(lane, start, freq, precision);
        ulong x = _heads[lane];
        if ((x >> (64 - precision)) >= freq)
        {
            Emit(lane, (uint)x);
            x >>= 32;
        }
        _heads[lane] = RansStep.Encode(x, start, freq, precision);
    }

    /// <summary>Pushes one symbol on every lane, each lane at its own precision.</summary>
    public void Push(ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, ReadOnlySpan<byte> precisions)
    {
        CheckFullWidth(starts.Length);
        Push(0, starts, freqs, precisions);
    }

    /// <summary>Pushes one symbol on each lane of a range, each lane at its own precision.</summary>
    public void Push(int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, ReadOnlySpan<byte> precisions)
    {
        int n = starts.Length;
        CheckSpans(firstLane, n, freqs.Length);
        CheckLength(n, precisions.Length, nameof(precisions));
        Span<ulong> heads = _heads.AsSpan(firstLane, n);
        for (int i = 0; i < heads.Length; i++)
        {
            int p = precisions[i];
            uint f = freqs[i], s = starts[i];
            if ((uint)(p - 1) > 31 || f == 0 || s + (ulong)f > (1UL << p))
                ThrowBadInterval(firstLane + i, s, f, p);
            ulong x = heads[i];
            if ((x >> (64 - p)) >= f)
            {
                Emit(firstLane + i, (uint)x);
                x >>= 32;
            }
            heads[i] = RansStep.Encode(x, s, f, p);
        }
    }

    /// <summary>Phase one of a pop: the cumulative frequency each lane's head encodes at <paramref name="precision"/>.</summary>
    public void PeekCf(int precision, Span<uint> cf)
    {
        CheckFullWidth(cf.Length);
        PeekCf(0, precision, cf);
    }

    /// <summary>Phase one of a pop on the lanes [firstLane, firstLane + cf.Length).</summary>
    public void PeekCf(int firstLane, int precision, Span<uint> cf)
    {
        RansStep.CheckPrecision(precision);
        CheckSpans(firstLane, cf.Length, cf.Length);
        ReadOnlySpan<ulong> heads = _heads.AsSpan(firstLane, cf.Length);
        ulong mask = (1UL << precision) - 1;
        for (int i = 0; i < heads.Length; i++)
            cf[i] = (uint)(heads[i] & mask);
    }

    /// <summary>Phase one of a pop on a lane range, each lane at its own precision.</summary>
    public void PeekCf(int firstLane, ReadOnlySpan<byte> precisions, Span<uint> cf)
    {
        CheckSpans(firstLane, cf.Length, precisions.Length);
        ReadOnlySpan<ulong> heads = _heads.AsSpan(firstLane, cf.Length);
        for (int i = 0; i < heads.Length; i++)
        {
            int p = precisions[i];
            RansStep.CheckPrecision(p);
            cf[i] = (uint)(heads[i] & ((1UL << p) - 1));
        }
    }

    /// <summary>
    /// Phase two of a pop: removes the symbol whose interval [start, start + freq) contains each lane's
    /// cf (as returned by <see cref="PeekCf(int, Span{uint})"/>) and refills heads from the tails.
    /// </summary>
    public void Commit(ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        CheckFullWidth(starts.Length);
        Commit(0, starts, freqs, precision);
    }

    /// <summary>Phase two of a pop on the lanes [firstLane, firstLane + starts.Length).</summary>
    public void Commit(int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, int precision)
    {
        RansStep.CheckPrecision(precision);
        int n = starts.Length;
        CheckSpans(firstLane, n, freqs.Length);
        ulong total = 1UL << precision;
        ulong mask = total - 1;
        Span<ulong> heads = _heads.AsSpan(firstLane, n);
        freqs = freqs[..n];
        for (int i = 0; i < heads.Length; i++)
        {
            uint f = freqs[i], s = starts[i];
            ulong x = heads[i];
            uint cf = (uint)(x & mask);
            if (cf - s >= f || s + (ulong)f > total)
                ThrowBadCommit(firstLane + i, cf, s, f, precision);
            x = f * (x >> precision) + (cf - s);
            if (x < RansStep.LowerBound)
                x = Refill(firstLane + i, x);
            heads[i] = x;
        }
    }

    /// <summary>Phase two of a pop on lane <paramref name="lane"/> alone (the one-lane form of
    /// <see cref="Commit(int, ReadOnlySpan{uint}, ReadOnlySpan{uint}, int)"/>, the same bytes).</summary>
    public void CommitOne(int lane, uint start, uint freq, int precision)
    {
        RansStep.CheckPrecision(precision);
        if ((uint)lane >= (uint)_heads.Length)
            ThrowLaneRange(lane, 1);
        ulong total = 1UL << precision;
        ulong x = _heads[lane];
        uint cf = (uint)(x & (total - 1));
        if (cf - start >= freq || start + (ulong)freq > total)
            ThrowBadCommit(lane, cf, start, freq, precision);
        x = freq * (x >> precision) + (cf - start);
        if (x < RansStep.LowerBound)
            x = Refill(lane, x);
        _heads[lane] = x;
    }

    /// <summary>Phase two of a pop on every lane, each lane at its own precision.</summary>
    public void Commit(ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, ReadOnlySpan<byte> precisions)
    {
        CheckFullWidth(starts.Length);
        Commit(0, starts, freqs, precisions);
    }

    /// <summary>Phase two of a pop on a lane range, each lane at its own precision.</summary>
    public void Commit(int firstLane, ReadOnlySpan<uint> starts, ReadOnlySpan<uint> freqs, ReadOnlySpan<byte> precisions)
    {
        int n = starts.Length;
        CheckSpans(firstLane, n, freqs.Length);
        CheckLength(n, precisions.Length, nameof(precisions));
        Span<ulong> heads = _heads.AsSpan(firstLane, n);
        for (int i = 0; i < heads.Length; i++)
        {
            int p = precisions[i];
            uint f = freqs[i], s = starts[i];
            ulong x = heads[i];
            uint cf = (uint)(x & ((1UL << p) - 1));
            if ((uint)(p - 1) > 31 || cf - s >= f || s + (ulong)f > (1UL << p))
                ThrowBadCommit(firstLane + i, cf, s, f, p);
            x = f * (x >> p) + (cf - s);
            if (x < RansStep.LowerBound)
                x = Refill(firstLane + i, x);
            heads[i] = x;
        }
    }

    private void CheckFullWidth(int length)
    {
        if (length != _heads.Length)
            throw new ArgumentException($"Expected one entry per lane ({_heads.Length}), got {length}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckSpans(int firstLane, int n, int otherLength)
    {
        if (firstLane < 0 || n > _heads.Length - firstLane)
            ThrowLaneRange(firstLane, n);
        if (otherLength != n)
            ThrowLength(n, otherLength);
    }

    private static void CheckLength(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new ArgumentException($"Expected {expected} entries, got {actual}.", name);
    }

    [DoesNotReturn]
    private void ThrowLaneRange(int firstLane, int n)
        => throw new ArgumentOutOfRangeException(nameof(firstLane),
            $"Lanes [{firstLane}, {(long)firstLane + n}) are not inside [0, {_heads.Length}).");

    [DoesNotReturn]
    private static void ThrowLength(int expected, int actual)
        => throw new ArgumentException($"Spans differ in length: {expected} and {actual}.");

    [DoesNotReturn]
    private static void ThrowBadInterval(int lane, uint start, uint freq, int precision)
        => throw new ArgumentException(
            $"Lane {lane}: interval start {start}, freq {freq} is not a valid symbol at precision {precision} " +
            "(need 1 <= precision <= 32, freq >= 1, start + freq <= 2^precision).");

    [DoesNotReturn]
    private static void ThrowBadCommit(int lane, uint cf, uint start, uint freq, int precision)
        => throw new ArgumentException(
            $"Lane {lane}: commit of interval start {start}, freq {freq} at precision {precision} does not " +
            $"contain the head's cf {cf} (or is not a valid interval).");
}
