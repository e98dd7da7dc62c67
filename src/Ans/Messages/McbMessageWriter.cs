// McbMessageWriter: the one place that lays a message out in bytes (the layout McbMessageFile documents). The
// fields that stay the same from message to message of one encoder — magic, version, coder, parameters, model,
// fingerprint, backend, chain count, seed, extra — are serialised once, at construction; each Write adds the
// per-message fields (symbol counts, heads, tails, data checksum) and the frame checksum into a buffer the writer
// keeps and reuses, so a streaming encoder writes frame after frame without allocating. The heads and tails
// come from an ILaneWords source: the lanes themselves (no snapshot copies) or a parsed message's arrays.
// Maps are written in ordinal key order; tails as uint32 little-endian words; counts and heads as 64-bit LE.
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MessagePack;

namespace Engine.Ans.Messages;

/// <summary>Writes messages in the .mcb layout into a reused buffer; everything but the per-message fields is prepared once.</summary>
public sealed class McbMessageWriter
{
    private readonly byte[] _prefix;   // elements [0]..[7]: array header to chain count
    private readonly byte[] _extra;    // element [13]
    private readonly ulong _seed;
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Prepares a writer for messages of <paramref name="chains"/> chains with these fixed fields.</summary>
    /// <exception cref="ArgumentException">An unsupported version, no chains, or a null map value.</exception>
    public McbMessageWriter(int formatVersion, string coder, IReadOnlyDictionary<string, string> coderParameters, string model, byte[] modelFingerprint,
        string backend, int chains, ulong seed, IReadOnlyDictionary<string, string> extra)
    {
        ArgumentNullException.ThrowIfNull(coder);
        ArgumentNullException.ThrowIfNull(coderParameters);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelFingerprint);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(extra);
        if (!McbMessage.IsSupportedVersion(formatVersion))
            throw new ArgumentException($"Format version {formatVersion} is not one this build writes ({McbMessage.OldestVersion} to {McbMessage.CurrentVersion}).");
        if (chains < 1) throw new ArgumentException("A message needs at least one chain.", nameof(chains));
        Chains = chains;
        _seed = seed;
        var prefix = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(prefix);
        w.WriteArrayHeader(McbMessageFile.FieldCount);
        w.Write(McbMessage.Magic);
        w.Write(formatVersion);
        w.Write(coder);
        WriteMap(ref w, coderParameters);
        w.Write(model);
        w.Write(modelFingerprint);
        w.Write(backend);
        w.Write(chains);
        w.Flush();
        _prefix = prefix.WrittenSpan.ToArray();
        var suffix = new ArrayBufferWriter<byte>();
        w = new MessagePackWriter(suffix);
        WriteMap(ref w, extra);
        w.Flush();
        _extra = suffix.WrittenSpan.ToArray();
    }

    /// <summary>Chains of every message this writer writes.</summary>
    public int Chains { get; }

    /// <summary>Heads and tails, chain by chain, as a message stores them.</summary>
    public interface ILaneWords
    {
        /// <summary>Head of chain <paramref name="chain"/>.</summary>
        ulong Head(int chain);

        /// <summary>Tail of chain <paramref name="chain"/>, bottom word first.</summary>
        ReadOnlySpan<uint> Tail(int chain);
    }

    /// <summary>The lanes' own state (no copies).</summary>
    public readonly struct LaneState(RansLanes lanes) : ILaneWords
    {
        /// <inheritdoc/>
        public ulong Head(int chain) => lanes.Heads[chain];

        /// <inheritdoc/>
        public ReadOnlySpan<uint> Tail(int chain) => lanes.Tail(chain);
    }

    /// <summary>A message's arrays.</summary>
    public readonly struct ArrayLanes(ulong[] heads, uint[][] tails) : ILaneWords
    {
        /// <inheritdoc/>
        public ulong Head(int chain) => heads[chain];

        /// <inheritdoc/>
        public ReadOnlySpan<uint> Tail(int chain) => tails[chain];
    }

    /// <summary>Writes one message from the lanes' current state; the bytes stay valid until the next Write.</summary>
    public ReadOnlyMemory<byte> Write(ReadOnlySpan<long> symbolCounts, RansLanes lanes, ulong dataChecksum)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        if (lanes.Count != Chains) throw new ArgumentException($"The lanes have {lanes.Count} chains; the writer {Chains}.", nameof(lanes));
        return Write(symbolCounts, new LaneState(lanes), dataChecksum);
    }

    /// <summary>Writes one message; the bytes stay valid until the next Write.</summary>
    /// <exception cref="ArgumentException">The counts do not match the chains, a count is negative, or a head is below 2^32.</exception>
    public ReadOnlyMemory<byte> Write<TLanes>(ReadOnlySpan<long> symbolCounts, TLanes lanes, ulong dataChecksum) where TLanes : ILaneWords
    {
        int c = Chains;
        if (symbolCounts.Length != c) throw new ArgumentException($"{symbolCounts.Length} symbol counts for {c} chains.", nameof(symbolCounts));
        _buffer.ResetWrittenCount();
        _buffer.Write(_prefix);
        var w = new MessagePackWriter(_buffer);
        w.WriteBinHeader(checked(8 * c));
        for (int i = 0; i < c; i++)
        {
            if (symbolCounts[i] < 0) throw new ArgumentException($"Symbol count {i} is negative.", nameof(symbolCounts));
            BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), symbolCounts[i]);
            w.Advance(8);
        }
        w.WriteUInt64(_seed);
        w.WriteBinHeader(checked(8 * c));
        for (int i = 0; i < c; i++)
        {
            ulong head = lanes.Head(i);
            if (head < RansStep.LowerBound) throw new ArgumentException($"Head {i} is below 2^32.", nameof(lanes));
            BinaryPrimitives.WriteUInt64LittleEndian(w.GetSpan(8), head);
            w.Advance(8);
        }
        w.WriteArrayHeader(c);
        for (int i = 0; i < c; i++)
        {
            ReadOnlySpan<uint> tail = lanes.Tail(i);
            w.WriteBinHeader(checked(4 * tail.Length));
            if (BitConverter.IsLittleEndian)
            {
                w.WriteRaw(MemoryMarshal.AsBytes(tail));
                continue;
            }
            foreach (uint word in tail)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(w.GetSpan(4), word);
                w.Advance(4);
            }
        }
        w.WriteUInt64(dataChecksum);
        w.WriteRaw(_extra);
        w.Flush();
        ulong frame = DataChecksum.Compute(_buffer.WrittenSpan);
        w.WriteUInt64(frame);
        w.Flush();
        return _buffer.WrittenMemory;
    }

    private static void WriteMap(ref MessagePackWriter w, IReadOnlyDictionary<string, string> map)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        w.WriteMapHeader(keys.Length);
        foreach (string key in keys)
        {
            w.Write(key);
            w.Write(map[key] ?? throw new ArgumentException($"Value of key '{key}' is null."));
        }
    }
}
