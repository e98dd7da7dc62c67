// StateDictLayout: checks a checkpoint's state-dict bytes against the network they are to be loaded into, and
// computes their fingerprint, before any network is built or TorchSharp's Module.load reads them. That loader
// trusts the stream: a tensor's rank is an LEB128 number it allocates a long[] of at once, so a few flipped
// bytes asked for 16 GB (found by afl, tests/Fuzz/regressions/checkpoint). Module.save writes the entry count
// (LEB128), then per entry its name (a 7-bit length-prefixed UTF-8 string, as BinaryWriter writes one), dtype,
// rank and sizes (LEB128) and the raw values. Here every entry must name one of the network's parameters,
// once, as float32 with its rank and sizes, its values must be there, and nothing may follow; every number
// read is compared with the expected one before it is used, so nothing is allocated from what the file says.
// The fingerprint is ModelFingerprint's, computed over the stored values in parameter order, so a checkpoint
// whose values do not match its header is refused without building a network (each build costs native memory).
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Engine.Ans.Messages;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

internal static class StateDictLayout
{
    private const int MaxNameBytes = 256;

    /// <summary>Why <paramref name="bytes"/> is not a state dict of exactly the float32 <paramref name="parameters"/>
    /// (name and sizes, in parameter order), or null when it is; then <paramref name="fingerprint"/> is
    /// <see cref="ModelFingerprint"/> of the stored values.</summary>
    public static string? Check(ReadOnlySpan<byte> bytes, IReadOnlyList<(string Name, long[] Sizes)> parameters, out string? fingerprint)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        fingerprint = null;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int p = 0; p < parameters.Count; p++) index.Add(parameters[p].Name, p);
        var values = new (int Start, int Length)[parameters.Count];
        var seen = new bool[parameters.Count];
        int at = 0;
        if (ReadLeb128(bytes, ref at) is not { } count) return "the entry count is not a valid number";
        if (count != (ulong)parameters.Count) return $"{count} entries, the network has {parameters.Count} tensors";
        for (int i = 0; i < parameters.Count; i++)
        {
            if (ReadName(bytes, ref at) is not { } name) return $"entry {i}: the name is cut short or not UTF-8";
            if (!index.TryGetValue(name, out int p)) return $"entry {i}: the network has no tensor '{UntrustedText.Excerpt(name)}'";
            if (seen[p]) return $"entry {i}: '{name}' appears twice";
            seen[p] = true;
            if (ReadLeb128(bytes, ref at) is not { } dtype || dtype != (ulong)(int)ScalarType.Float32)
                return $"'{name}': its element type is not Float32";
            long[] sizes = parameters[p].Sizes;
            if (ReadLeb128(bytes, ref at) is not { } rank || rank != (ulong)sizes.Length)
                return $"'{name}': its rank is not {sizes.Length}";
            long elements = 1;
            foreach (long size in sizes)
            {
                if (ReadLeb128(bytes, ref at) is not { } read || read != (ulong)size)
                    return $"'{name}': its sizes are not [{string.Join(", ", sizes)}]";
                elements *= size;
            }
            long length = 4 * elements;
            if (length > bytes.Length - at) return $"'{name}': {length} bytes of values, {bytes.Length - at} left";
            values[p] = (at, (int)length);
            at += (int)length;
        }
        if (at != bytes.Length) return $"{bytes.Length - at} bytes follow the last tensor";
        fingerprint = Fingerprint(bytes, parameters, values);
        return null;
    }

    // ModelFingerprint.Compute's hash, over the stored values: per parameter its UTF-8 name, a 0 byte, its rank
    // and sizes (int64 little-endian) and its float32 values (stored little-endian, as libtorch holds them).
    private static string Fingerprint(ReadOnlySpan<byte> bytes, IReadOnlyList<(string Name, long[] Sizes)> parameters, (int Start, int Length)[] values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[8];
        for (int p = 0; p < parameters.Count; p++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(parameters[p].Name));
            hash.AppendData([0]);
            BinaryPrimitives.WriteInt64LittleEndian(word, parameters[p].Sizes.Length);
            hash.AppendData(word);
            foreach (long d in parameters[p].Sizes)
            {
                BinaryPrimitives.WriteInt64LittleEndian(word, d);
                hash.AppendData(word);
            }
            hash.AppendData(bytes.Slice(values[p].Start, values[p].Length));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // An unsigned LEB128 number of at most 64 bits (10 bytes); null when cut short or longer.
    private static ulong? ReadLeb128(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (at >= bytes.Length) return null;
            byte b = bytes[at++];
            if (shift == 63 && b > 1) return null;
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        return null;
    }

    // BinaryWriter.Write(string): a 7-bit encoded int32 byte count, then UTF-8. Names of this network are short.
    private static string? ReadName(ReadOnlySpan<byte> bytes, ref int at)
    {
        int start = at;
        if (ReadLeb128(bytes, ref at) is not { } length || at - start > 5 || length > MaxNameBytes || length > (ulong)(bytes.Length - at))
            return null;
        ReadOnlySpan<byte> utf8 = bytes.Slice(at, (int)length);
        at += (int)length;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
