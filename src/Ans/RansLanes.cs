// RansLanes: B independent rANS chains coded in lock-step (docs/architecture.md#lanes-heads-and-tails; v1 layout: lane i = chain i).
//
// Each lane owns a 64-bit head (2^32 <= head < 2^64) and a tail: a stack of 32-bit words held in a
// growable uint[] plus a length. Every vector call codes one symbol on each lane of a contiguous lane
// range, lanes in index order, so any backend that follows the same order writes identical words.
//
// Encoder mode (the public constructor) starts every head at InitialBits.Head(seed, lane) and answers a
// pop from an empty tail with InitialBits.Word(seed, lane, k), k = 0, 1, ... (the "initial bits").
// Decoder mode (FromState) starts from a message's heads and tails; there an empty-tail pop means the
// message is corrupt and throws MessageCorruptException instead of inventing words.
//
// Calls on disjoint lane ranges touch disjoint state (heads, tails, drawn counts), so a backend may run
// them concurrently (e.g. Parallel over chain ranges); calls on overlapping ranges must not overlap.
//
// This file: state, construction, snapshots and the initial-state check. Coding calls live in the
// RansLanes.*.cs partial files.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ans;

/// <summary>
/// B rANS lanes (one per chain) with per-lane tails, seeded initial bits and exact accounting.
/// Calls on disjoint lane ranges (the firstLane overloads) may run concurrently.
/// </summary>
public sealed partial class RansLanes
{
    private const int InitialTailCapacity = 16;

    private readonly ulong[] _heads;
    private readonly ulong[] _initialHeads;
    private readonly LaneTail[] _tails;
    private readonly long[] _drawn;
    private readonly ulong[] _wordKeys;

    /// <summary>Creates encoder-mode lanes whose heads and underflow words come from <paramref name="seed"/>.</summary>
    /// <param name="laneCount">Number of lanes (chains), at least 1.</param>
    /// <param name="seed">Seed of the initial bits; it is stored in the message.</param>
    public RansLanes(int laneCount, ulong seed)
        : this(laneCount, seed, isDecoder: false)
    {
        for (int i = 0; i < laneCount; i++)
            _heads[i] = _initialHeads[i];
    }

    private RansLanes(int laneCount, ulong seed, bool isDecoder)
    {
        if (laneCount < 1)
            throw new ArgumentOutOfRangeException(nameof(laneCount), laneCount, "At least one lane is required.");
        Seed = seed;
        IsDecoder = isDecoder;
        _heads = new ulong[laneCount];
        _initialHeads = new ulong[laneCount];
        _tails = new LaneTail[laneCount];
        _drawn = new long[laneCount];
        _wordKeys = new ulong[laneCount];
        for (int i = 0; i < laneCount; i++)
        {
            _initialHeads[i] = InitialBits.Head(seed, i);
            _wordKeys[i] = InitialBits.WordKey(seed, i);
            _tails[i].Words = new uint[InitialTailCapacity];
        }
    }

    /// <summary>
    /// Builds decoder-mode lanes from a message's state. The arrays are copied. Throws
    /// <see cref="MessageCorruptException"/> when a head lies outside [2^32, 2^64).
    /// </summary>
    public static RansLanes FromState(ulong seed, ulong[] heads, uint[][] tails)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(tails);
        if (heads.Length != tails.Length)
            throw new ArgumentException($"{heads.Length} heads but {tails.Length} tails.", nameof(tails));
        var lanes = new RansLanes(heads.Length, seed, isDecoder: true);
        for (int i = 0; i < heads.Length; i++)
        {
            if (heads[i] < RansStep.LowerBound)
                throw new MessageCorruptException($"Head of lane {i} is {heads[i]}, below 2^32.");
            ArgumentNullException.ThrowIfNull(tails[i], nameof(tails));
            lanes._heads[i] = heads[i];
            lanes.SetTail(i, tails[i]);
        }
        return lanes;
    }

    /// <summary>Encoder mode: every lane back to its seeded initial state (heads from the seed, tails empty, no words drawn),
    /// keeping the tail buffers, so lanes reused for message after message allocate nothing once their tails are big enough.</summary>
    /// <exception cref="InvalidOperationException">Decoder-mode lanes (use <see cref="Load"/>).</exception>
    public void Reset()
    {
        if (IsDecoder) throw new InvalidOperationException("Decoder-mode lanes are loaded from a message, not reset.");
        _initialHeads.CopyTo(_heads, 0);
        Array.Clear(_drawn);
        for (int i = 0; i < _tails.Length; i++) _tails[i].Length = 0;
    }

    /// <summary>Decoder mode: replaces every lane's state with a message's (its seed, heads and tails), reusing the tail
    /// buffers where they are big enough. Throws <see cref="MessageCorruptException"/> when a head lies outside [2^32, 2^64).</summary>
    /// <exception cref="InvalidOperationException">Encoder-mode lanes.</exception>
    /// <exception cref="ArgumentException">The message has another number of chains.</exception>
    public void Load(ulong seed, ReadOnlySpan<ulong> heads, IReadOnlyList<uint[]> tails)
    {
        ArgumentNullException.ThrowIfNull(tails);
        if (!IsDecoder) throw new InvalidOperationException("Encoder-mode lanes start from their seed (Reset), not from a message.");
        if (heads.Length != _heads.Length || tails.Count != _heads.Length)
            throw new ArgumentException($"{heads.Length} heads and {tails.Count} tails for {_heads.Length} lanes.", nameof(tails));
        for (int i = 0; i < heads.Length; i++)
        {
            if (heads[i] < RansStep.LowerBound)
                throw new MessageCorruptException($"Head of lane {i} is {heads[i]}, below 2^32.");
            ArgumentNullException.ThrowIfNull(tails[i], nameof(tails));
        }
        if (seed != Seed)
        {
            Seed = seed;
            for (int i = 0; i < _heads.Length; i++)
            {
                _initialHeads[i] = InitialBits.Head(seed, i);
                _wordKeys[i] = InitialBits.WordKey(seed, i);
            }
        }
        for (int i = 0; i < heads.Length; i++)
        {
            _heads[i] = heads[i];
            ReadOnlySpan<uint> words = tails[i];
            if (_tails[i].Words.Length >= words.Length)
            {
                words.CopyTo(_tails[i].Words);
                _tails[i].Length = words.Length;
            }
            else SetTail(i, words);
        }
    }

    /// <summary>Number of lanes.</summary>
    public int Count => _heads.Length;

    /// <summary>Seed of the initial heads and underflow words.</summary>
    public ulong Seed { get; private set; }

    /// <summary>True for lanes built by <see cref="FromState"/>: an empty-tail pop throws.</summary>
    public bool IsDecoder { get; }

    /// <summary>The heads, writable so a backend can write its results back (keep them in [2^32, 2^64)).</summary>
    public Span<ulong> Heads => _heads;

    /// <summary>The seeded initial heads.</summary>
    public ReadOnlySpan<ulong> InitialHeads => _initialHeads;

    /// <summary>The tail of <paramref name="lane"/>, bottom word first.</summary>
    public ReadOnlySpan<uint> Tail(int lane) => new(_tails[lane].Words, 0, _tails[lane].Length);

    /// <summary>Number of words in the tail of <paramref name="lane"/>.</summary>
    public int TailLength(int lane) => _tails[lane].Length;

    /// <summary>Initial-bit words the lane has taken from its seeded source (always 0 in decoder mode).</summary>
    public long WordsDrawn(int lane) => _drawn[lane];

    /// <summary>A copy of the heads, for the message.</summary>
    public ulong[] SnapshotHeads() => (ulong[])_heads.Clone();

    /// <summary>A copy of every tail (bottom word first), for the message.</summary>
    public uint[][] SnapshotTails()
    {
        var result = new uint[_heads.Length][];
        for (int i = 0; i < result.Length; i++)
            result[i] = Tail(i).ToArray();
        return result;
    }

    /// <summary>
    /// Replaces the whole state of one lane (a backend writing back what it computed elsewhere).
    /// </summary>
    public void LoadLane(int lane, ulong head, ReadOnlySpan<uint> tail, long wordsDrawn)
    {
        if ((uint)lane >= (uint)_heads.Length)
            throw new ArgumentOutOfRangeException(nameof(lane));
        if (head < RansStep.LowerBound)
            throw new ArgumentOutOfRangeException(nameof(head), head, "A head must lie in [2^32, 2^64).");
        if (wordsDrawn < 0 || (IsDecoder && wordsDrawn != 0))
            throw new ArgumentOutOfRangeException(nameof(wordsDrawn), wordsDrawn, "Invalid count of drawn words.");
        _heads[lane] = head;
        _drawn[lane] = wordsDrawn;
        SetTail(lane, tail);
    }

    /// <summary>Grows every tail buffer to hold at least <paramref name="words"/> words without reallocating.</summary>
    public void EnsureTailCapacity(int words)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(words);
        for (int i = 0; i < _tails.Length; i++)
        {
            if (_tails[i].Words.Length < words)
                Array.Resize(ref _tails[i].Words, words);
        }
    }

    /// <summary>
    /// True when the lane holds exactly its initial state: the head equals the seeded initial head and
    /// the tail, read from the top, equals words 0..m-1 of the lane's seeded source, where m is the tail
    /// length (in encoder mode m must also equal <see cref="WordsDrawn"/>). This is the stack an encoder
    /// started from, so a decoder that ends here has undone every operation exactly.
    /// </summary>
    public bool IsAtInitialState(int lane)
    {
        if (_heads[lane] != _initialHeads[lane])
            return false;
        int m = _tails[lane].Length;
        if (!IsDecoder && m != _drawn[lane])
            return false;
        uint[] tail = _tails[lane].Words;
        ulong key = _wordKeys[lane];
        for (int k = 0; k < m; k++)
        {
            if (tail[m - 1 - k] != InitialBits.WordFromKey(key, k))
                return false;
        }
        return true;
    }

    /// <summary>True when every lane <see cref="IsAtInitialState"/>.</summary>
    public bool AllAtInitialState()
    {
        for (int i = 0; i < _heads.Length; i++)
        {
            if (!IsAtInitialState(i))
                return false;
        }
        return true;
    }

    /// <summary>One lane's tail: a growable word buffer and the number of words in use.</summary>
    private struct LaneTail
    {
        public uint[] Words;
        public int Length;
    }

    private void SetTail(int lane, ReadOnlySpan<uint> words)
    {
        var buffer = new uint[Math.Max(InitialTailCapacity, words.Length + (words.Length >> 1) + 1)];
        words.CopyTo(buffer);
        _tails[lane].Words = buffer;
        _tails[lane].Length = words.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(int lane, uint word)
    {
        ref LaneTail tail = ref _tails[lane];
        int n = tail.Length;
        uint[] words = tail.Words;
        if ((uint)n >= (uint)words.Length)
            words = Grow(ref tail);
        words[n] = word;
        tail.Length = n + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint[] Grow(ref LaneTail tail)
    {
        uint[] old = tail.Words;
        var bigger = new uint[checked(old.Length * 2)];
        old.CopyTo(bigger, 0);
        tail.Words = bigger;
        return bigger;
    }

    /// <summary>Moves one word from the tail (or the seeded source) into a head that fell below 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Refill(int lane, ulong head)
    {
        ref LaneTail tail = ref _tails[lane];
        int n = tail.Length - 1;
        if (n >= 0)
        {
            tail.Length = n;
            return (head << 32) | tail.Words[n];
        }
        return (head << 32) | Underflow(lane);
    }

    /// <summary>
    /// <see cref="Refill"/> without a data-dependent branch: the word below the tail top is always
    /// read (index max(len - 1, 0), in bounds since capacity >= 1) and used only when the head fell
    /// below 2^32. Only an empty tail that must refill takes the (rare) slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong RefillBranchFree(ref LaneTail tail, int lane, ulong x)
    {
        int len = tail.Length;
        int need = x < RansStep.LowerBound ? 1 : 0;
        if (need > len)
            return (x << 32) | Underflow(lane);
        int top = len - 1 + (len == 0 ? 1 : 0);
        uint word = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tail.Words), top);
        tail.Length = len - need;
        return (x << (need << 5)) | (word & (uint)-need);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private uint Underflow(int lane)
    {
        if (IsDecoder)
            throw new MessageCorruptException($"Lane {lane} popped past the bottom of its tail.");
        long k = _drawn[lane]++;
        return InitialBits.WordFromKey(_wordKeys[lane], k);
    }
}
