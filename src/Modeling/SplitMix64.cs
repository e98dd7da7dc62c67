// SplitMix64: a tiny, fully specified 64-bit PRNG (Steele, Lea & Flood 2014) used for the toy models'
// counts and for sampling data. Written out here so the same seed gives the same model and data on every
// .NET version and CPU (System.Random's seeded algorithm is not a documented contract).
namespace Engine.Modeling;

/// <summary>Deterministic 64-bit generator: state += golden gamma, then a two-round xor-shift-multiply mix.</summary>
public struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n) by Lemire's multiply-high with rejection (exact, no modulo bias).</summary>
    public uint NextBelow(uint n)
    {
        if (n == 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be positive.");
        while (true)
        {
            ulong m = (Next() >> 32) * n;
            uint low = (uint)m;
            if (low >= n || low >= unchecked(0u - n) % n) return (uint)(m >> 32);
        }
    }

    /// <summary>Uniform integer in [0, 2^bits) from the top bits of one draw.</summary>
    public uint NextBits(int bits) => (uint)(Next() >> (64 - bits));
}
