// CoupledGridDraw: the coupled importance-sampling coder's inverse CDF for a GridGaussian — one shared uniform word, shifted
// per particle, becomes each particle's grid index, and the selected particle's word is recovered from its index and a
// residual (the coupled coders' construction, DESIGN's BB-CIS row, on the flow's never-built tables).
//
// A word w holds WordBits = 24 + 18 bits: the high 24 are a cf of the table (GridGaussian.Precision), the low 18 cover the
// table's uniform low bits (FineBits f <= 18; the top f of them are the index's low bits, the other 18 - f are spare):
//   hi = w >> 18, lo = w mod 2^18
//   coarse = the window bin whose interval holds hi, or, for hi in the escape's interval, EscapeNeighbour (one fixed index
//            just outside the window: a draw has no extra randomness to spend on the escape's uniform)
//   index  = coarse 2^f + (lo >> (18 - f))
// so the words that draw an index are the hi of its interval [start, start + freq) times the lo with its top f bits fixed:
// freq 2^(18 - f) of the 2^42, probability freq / 2^24 / 2^f — the table's own probability of the index in the window (the
// escape neighbour: the escape's 2^-24 / 2^f; every other index outside the window: 0). Given the index the residual is
// (hi - start, lo mod 2^(18 - f)), uniform over freq x 2^(18 - f) values, and the word is rebuilt from index and residual.
// Particle k draws with w + Shift(k, d) mod 2^42 (Shift(0, d) = 0): each particle is marginally a draw from the table, and the
// shifts are fixed pseudo-random per coordinate d, not one shift along the diagonal of the torus — in many dimensions a
// diagonal lattice puts every particle on one line, where per-coordinate shifts spread them almost like independent draws.
namespace Engine.Ans.Quantization;

/// <summary>Coupled draws of grid indices from <see cref="GridGaussian"/> tables: one shared word, shifted per particle.</summary>
public static class CoupledGridDraw
{
    /// <summary>Bits of a shared word.</summary>
    public const int WordBits = GridGaussian.Precision + SpareBits;

    /// <summary>Low bits of a word below the table's cf: room for the widest table's uniform low bits (FineBits &lt;= 18).</summary>
    public const int SpareBits = 18;

    /// <summary>Mask of a word's bits.</summary>
    public const ulong WordMask = (1UL << WordBits) - 1;

    private const ulong LowMask = (1UL << SpareBits) - 1;

    /// <summary>The grid index the word <paramref name="word"/> draws from <paramref name="g"/> (see the file header).</summary>
    public static long Draw(in GridGaussian g, ulong word)
    {
        uint hi = (uint)((word & WordMask) >> SpareBits);
        long coarse = hi >= g.EscapeStart ? g.EscapeNeighbour : g.Find(hi, out _, out _, out _);
        return g.Index(coarse, (uint)((word & LowMask) >> (SpareBits - g.FineBits)));
    }

    /// <summary>The interval of <paramref name="k"/>'s cf in a word, [start, start + freq): false when no word draws k (an index
    /// outside the window other than the escape neighbour).</summary>
    public static bool TryInterval(in GridGaussian g, long k, out uint start, out uint freq)
    {
        if (g.InWindow(k))
        {
            (start, freq) = g.Interval(k);
            return true;
        }
        (start, freq) = (g.EscapeStart, GridGaussian.EscapeFreq);
        return k >= -GridGaussian.GridLimit && k < GridGaussian.GridLimit && k >> g.FineBits == g.EscapeNeighbour;
    }

    /// <summary>Values of the residual's low part, 2^(18 - FineBits).</summary>
    public static uint SpareCount(in GridGaussian g) => 1u << (SpareBits - g.FineBits);

    /// <summary>The residual of <paramref name="word"/> given the index it draws, whose cf interval starts at <paramref name="start"/>:
    /// (hi - start, the spare low bits).</summary>
    public static (uint High, uint Low) Residual(in GridGaussian g, ulong word, uint start) =>
        ((uint)((word & WordMask) >> SpareBits) - start, (uint)(word & ((1UL << (SpareBits - g.FineBits)) - 1)));

    /// <summary>The word that draws index <paramref name="k"/> (cf interval starting at <paramref name="start"/>) with residual
    /// (<paramref name="high"/>, <paramref name="low"/>): the inverse of <see cref="Residual"/>.</summary>
    public static ulong Word(in GridGaussian g, long k, uint start, uint high, uint low)
    {
        int spare = SpareBits - g.FineBits;
        return ((ulong)(start + high) << SpareBits) | ((ulong)g.FineValue(k) << spare) | low;
    }

    /// <summary>log2 of the probability a uniform word draws <paramref name="k"/>: the table's own for an index in the window,
    /// the escape's share over the low bits for the escape neighbour, -infinity for any other index.</summary>
    public static double Log2Probability(in GridGaussian g, long k) =>
        TryInterval(g, k, out _, out uint freq) ? DeterministicMath.Log2(freq) - GridGaussian.Precision - g.FineBits : double.NegativeInfinity;

    /// <summary>Particle <paramref name="particle"/>'s shift in coordinate <paramref name="coordinate"/> (0 for particle 0): a fixed
    /// mix of the two numbers (the SplitMix64 finaliser), part of the message format.</summary>
    public static ulong Shift(int particle, int coordinate)
    {
        if (particle == 0) return 0;
        ulong z = ((ulong)(uint)particle << 32 | (uint)coordinate) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31)) & WordMask;
    }
}
