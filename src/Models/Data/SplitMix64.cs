// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded PRNG with a fixed, documented output sequence,
// used wherever data handling must be reproducible across .NET versions (System.Random may change).
namespace Engine.Models.Data;

internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Exactly uniform integer in [0, n) (Lemire's multiply-shift with rejection).</summary>
    public uint NextBelow(uint n)
    {
        ulong m = (ulong)(uint)Next() * n;
        if ((uint)m < n)
        {
            uint threshold = (uint)(-n) % n;
            while ((uint)m < threshold) m = (ulong)(uint)Next() * n;
        }
        return (uint)(m >> 32);
    }

    /// <summary>A stream seed for item <paramref name="index"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, long index)
    {
        var g = new SplitMix64(seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
        return g.Next();
    }
}
