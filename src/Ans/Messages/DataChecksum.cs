// DataChecksum: XXH64 (Yann Collet's xxHash, 64-bit variant, seed 0 by default) of the original data,
// implemented from the published algorithm: four 64-bit accumulators over 32-byte stripes, then the
// tail in 8-, 4- and 1-byte steps and a final avalanche. Inputs are read little-endian, so the value
// is the same on every platform. Symbol streams are hashed as their little-endian int32 bytes.
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Engine.Ans.Messages;

/// <summary>The 64-bit checksum stored in a message: XXH64 of the original bytes.</summary>
public static class DataChecksum
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;
    private const ulong P4 = 0x85EBCA77C2B2AE63UL;
    private const ulong P5 = 0x27D4EB2F165667C5UL;

    /// <summary>XXH64 of <paramref name="data"/>.</summary>
    public static ulong Compute(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        int i = 0, len = data.Length;
        ulong h;
        if (len >= 32)
        {
            ulong v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
            for (; i <= len - 32; i += 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 8)..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 16)..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 24)..]));
            }
            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
              + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = Merge(h, v1);
            h = Merge(h, v2);
            h = Merge(h, v3);
            h = Merge(h, v4);
        }
        else
        {
            h = seed + P5;
        }
        h += (ulong)len;
        for (; i <= len - 8; i += 8)
        {
            h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
            h = BitOperations.RotateLeft(h, 27) * P1 + P4;
        }
        if (i <= len - 4)
        {
            h ^= BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * P1;
            h = BitOperations.RotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < len; i++)
        {
            h ^= data[i] * P5;
            h = BitOperations.RotateLeft(h, 11) * P1;
        }
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        h ^= h >> 32;
        return h;
    }

    /// <summary>XXH64 of the little-endian int32 bytes of <paramref name="symbols"/>.</summary>
    public static ulong Compute(ReadOnlySpan<int> symbols, ulong seed = 0)
    {
        if (BitConverter.IsLittleEndian)
            return Compute(MemoryMarshal.AsBytes(symbols), seed);
        var bytes = new byte[checked(symbols.Length * 4)];
        for (int i = 0; i < symbols.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), symbols[i]);
        return Compute(bytes, seed);
    }

    private static ulong Round(ulong acc, ulong input)
    {
        acc += input * P2;
        acc = BitOperations.RotateLeft(acc, 31);
        return acc * P1;
    }

    private static ulong Merge(ulong acc, ulong value)
    {
        acc ^= Round(0, value);
        return acc * P1 + P4;
    }
}
