// Mutator: the seeded byte-level mutations of the in-process fuzz pass, modelled on what afl's havoc stage
// does to a file: bit flips, random bytes, "interesting" integers (0, -1, the signed extremes, 2^31 and
// 2^32 ± 1) written over 1/2/4/8 bytes in either byte order (declared lengths and counts), truncations,
// deletions, duplicated or spliced spans, and inserted bytes. Deterministic for a given Random.
namespace Engine.Fuzz.Tests;

internal static class Mutator
{
    private static readonly ulong[] Interesting =
    [
        0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ulong.MaxValue,
    ];

    /// <summary>One to four mutations of <paramref name="seed"/>, spliced with <paramref name="other"/> now and then.</summary>
    public static byte[] Mutate(byte[] seed, byte[] other, Random rng)
    {
        var b = new List<byte>(seed);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits; e++)
        {
            if (b.Count == 0) b.Add((byte)rng.Next(256));
            int at = rng.Next(b.Count);
            switch (rng.Next(9))
            {
                case 0: b[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: b[at] = (byte)rng.Next(256); break;
                case 2: WriteInteresting(b, at, rng); break;
                case 3: b.RemoveRange(at, b.Count - at); break;
                case 4: b.RemoveRange(at, Math.Min(b.Count - at, 1 + rng.Next(16))); break;
                case 5:
                    int len = Math.Min(b.Count - at, 1 + rng.Next(32));
                    b.InsertRange(rng.Next(b.Count + 1), b.GetRange(at, len));
                    break;
                case 6:
                    var bytes = new byte[1 + rng.Next(8)];
                    rng.NextBytes(bytes);
                    b.InsertRange(at, bytes);
                    break;
                case 7:
                    if (other.Length == 0) break;
                    int from = rng.Next(other.Length);
                    b.RemoveRange(at, b.Count - at);
                    b.AddRange(other.AsSpan(from).ToArray());
                    break;
                default:
                    b[at] = (byte)(b[at] + rng.Next(-35, 36));
                    break;
            }
        }
        return b.ToArray();
    }

    private static void WriteInteresting(List<byte> b, int at, Random rng)
    {
        int width = 1 << rng.Next(4);
        ulong v = Interesting[rng.Next(Interesting.Length)];
        bool bigEndian = rng.Next(2) == 0;
        for (int i = 0; i < width && at + i < b.Count; i++)
        {
            int shift = 8 * (bigEndian ? width - 1 - i : i);
            b[at + i] = (byte)(v >> shift);
        }
    }
}
