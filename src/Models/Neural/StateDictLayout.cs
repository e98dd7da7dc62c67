// StateDictLayout: checks a checkpoint's state-dict bytes against the layout of the network they are about
// to be loaded into, before TorchSharp's Module.load reads them. That loader trusts the stream: a tensor's
// rank is an LEB128 number it allocates a long[] of at once, so a few flipped bytes asked for 16 GB (found
// by afl, tests/Fuzz/regressions/checkpoint). Module.save writes the entry count (LEB128), then per entry its
// name (a 7-bit length-prefixed UTF-8 string, as BinaryWriter writes one), dtype, rank and sizes (LEB128) and
// the raw tensor bytes. Here every entry must name one of the network's own tensors, once, with its dtype,
// rank and sizes, and its bytes must be there; nothing may follow the last one. Every number read is compared
// with the network's before it is used, so nothing is allocated from what the file says.
using System.Text;
using Engine.Ans.Messages;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

internal static class StateDictLayout
{
    private const int MaxNameBytes = 256;

    /// <summary>Why <paramref name="bytes"/> is not a state dict of exactly <paramref name="module"/>'s tensors, or null when it is.</summary>
    public static string? Check(ReadOnlySpan<byte> bytes, nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        Dictionary<string, Tensor> expected = module.state_dict();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int at = 0;
        if (ReadLeb128(bytes, ref at) is not { } count) return "the entry count is not a valid number";
        if (count != (ulong)expected.Count) return $"{count} entries, the network has {expected.Count} tensors";
        for (int i = 0; i < expected.Count; i++)
        {
            if (ReadName(bytes, ref at) is not { } name) return $"entry {i}: the name is cut short or not UTF-8";
            if (!expected.TryGetValue(name, out Tensor? tensor)) return $"entry {i}: the network has no tensor '{UntrustedText.Excerpt(name)}'";
            if (!seen.Add(name)) return $"entry {i}: '{name}' appears twice";
            if (ReadLeb128(bytes, ref at) is not { } dtype || dtype != (ulong)(int)tensor.dtype)
                return $"'{name}': its element type is not {tensor.dtype}";
            long[] shape = tensor.shape;
            if (ReadLeb128(bytes, ref at) is not { } rank || rank != (ulong)shape.Length)
                return $"'{name}': its rank is not {shape.Length}";
            foreach (long size in shape)
            {
                if (ReadLeb128(bytes, ref at) is not { } read || read != (ulong)size)
                    return $"'{name}': its sizes are not [{string.Join(", ", shape)}]";
            }
            long data = tensor.numel() * tensor.ElementSize;
            if (data > bytes.Length - at) return $"'{name}': {data} bytes of values, {bytes.Length - at} left";
            at += (int)data;
        }
        return at == bytes.Length ? null : $"{bytes.Length - at} bytes follow the last tensor";
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
