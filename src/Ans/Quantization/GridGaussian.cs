// GridGaussian: N(mean, std^2) on a fixed integer grid (bin k holds the values within half a bin of k), as a
// precision-24 rANS table that is never built: the coder asks for one bin's interval (push) or searches the cumulative
// function (pop), each probe a few Phi evaluations. Local bits-back coding of flows needs this (Ho et al.): a latent is
// popped from a narrow Gaussian whose mean and width a network decides, on a grid far finer than that width.
//
// The table, for a mean m and std w in bins (clamped to the grid and to [MinStd, 2^40]), centre bin c = round(m) and
// half-width H = clamp(ceil(7 w) + 1, 1, MaxHalfWidth):
//   * the window holds the n <= 2H + 1 bins c - H .. c + H that lie on the grid; bin j of it (j = 0 .. n-1) gets frequency
//     1 + (its share of M' = 2^24 - n - EscapeFreq), so every bin is >= 1 whatever the floats do (n <= 2^12 + 1, so the
//     padding takes at most 2^-12 of the mass). Precision 24, not 32: a pop at precision p loses about 2^p / head of the
//     head's information to rounding — some 0.004 bits a symbol at p = 28, measured on the flow coders, 16 times less at 24;
//   * one escape symbol of frequency EscapeFreq ends the table: a value outside the window is coded as the escape and then
//     its rank among the grid indices outside the window as a uniform (EscapeCount values), so any value the grid holds codes
//     losslessly, and an escape the decoder pops (from bits that were pushed under another distribution) can only name an
//     index outside the window, which the encoder would have coded the same way;
//   * a std wider than MaxCoarseStd = 2^8 bins (a unit Gaussian on a 2^-20 grid is 2^20) would need a window of up to
//     millions of bins: then the table is over the coarse index k >> f (2^f bins each, f the least that brings the std under
//     MaxCoarseStd) and the low f bits follow as a uniform (f <= 18, the std being capped at MaxStd = 2^26 bins, so the coarse
//     grid of at least 2^13 bins always extends past the window); across a coarse bin the log density changes by at
//     most 7 / 2^7 within the window, which costs about 1e-5 bits. Push order: low bits, escape uniform (if any), symbol; pop the reverse;
//   * the cumulative function C(j) counts edges from whichever end of the window is nearer the mean, so both halves take
//     their masses from the accurate lower tail Phi(-|a|) (NormalDistribution's tails have ~1e-15 relative error while
//     neighbouring edges differ by far more, so C is monotone), with a the edge standardised:
//       a_j = (j + low - 1/2 - m) / w, low the window's first bin
//       C(j) = j + floor(M' below_j / Z)             where a_j < 0, below_j = Phi(a_j) - Phi(a_0)
//       C(j) = M' + j - floor(M' above_j / Z)        where a_j >= 0, above_j = Phi(-a_j) - Phi(-a_n)
//     with Z = (1/2 - Phi(a_0)) + (1/2 - Phi(-a_n)) the window's mass. C(0) = 0, C(n) = n + M'; within a half C grows by >= 1
//     a bin, and across the split floor(M' A) + floor(M' B) <= M' because A + B <= 1 up to an ulp, so again >= 1.
// Everything is IEEE basic operations and NormalDistribution (DeterministicMath), so every machine computes the same
// intervals from the same (mean, std) doubles.
using System.Runtime.CompilerServices;

namespace Engine.Ans.Quantization;

/// <summary>A discretised Gaussian on the integer grid, as a precision-24 interval table with a window and an escape.</summary>
public readonly struct GridGaussian
{
    /// <summary>Precision of every interval.</summary>
    public const int Precision = 24;

    /// <summary>Frequency of the escape symbol that ends the table (costs about 2^-24 · 1.44 bits a symbol; a pop of clean bits
    /// lands on it once in 2^24).</summary>
    public const uint EscapeFreq = 1;

    /// <summary>The grid holds indices in [-<see cref="GridLimit"/>, <see cref="GridLimit"/>).</summary>
    public const int GridLimit = 1 << 30;

    /// <summary>Indices on the grid.</summary>
    public const uint GridUniform = 1u << 31;

    /// <summary>Most bins on either side of the centre.</summary>
    public const int MaxHalfWidth = 1 << 11;

    /// <summary>Largest std (in bins of the table) before the low bits of the index are split off and coded uniformly.</summary>
    public const double MaxCoarseStd = 1 << 8;

    /// <summary>Window half-width in standard deviations.</summary>
    public const double WindowStds = 7.0;

    /// <summary>Smallest std (in bins) the table uses; a smaller, zero or NaN std is raised to it.</summary>
    public const double MinStd = 1.0 / 1024;

    private readonly int _fine;        // f: the table is over k >> f
    private readonly long _limit;      // the coarse grid is [-limit, limit)
    private readonly long _low;        // first coarse bin of the window, max(c - H, -limit)
    private readonly int _bins;        // n <= 2H + 1 (fewer where the grid's edge clips the window)
    private readonly double _offset;   // low - 1/2 - m: a_j = (j + offset) * invStd
    private readonly double _invStd;
    private readonly double _lowTail;  // Phi(a_0)
    private readonly double _highTail; // Phi(-a_n)
    private readonly double _mass;     // Z
    private readonly ulong _spread;    // M'

    /// <summary>Largest std in bins (2^26; a wider, infinite or NaN-free overflowed one is narrowed to it): the coarse split then
    /// needs at most 18 low bits, so the coarse grid (2^12 bins or more) always extends past the window and the escape always has
    /// indices to name.</summary>
    public const double MaxStd = 1 << 26;

    /// <summary>The table of N(<paramref name="mean"/>, <paramref name="std"/>^2), both in bins. A NaN mean is read as 0 and the mean is
    /// clamped to the grid; the std is clamped to [<see cref="MinStd"/>, <see cref="MaxStd"/>].</summary>
    public GridGaussian(double mean, double std)
    {
        if (!(std >= MinStd)) std = MinStd;
        if (!(std <= MaxStd)) std = MaxStd;
        if (double.IsNaN(mean)) mean = 0;
        // A std above MaxCoarseStd bins: code k >> f on the coarse grid of 2^f bins and the low f bits uniformly.
        int fine = 0;
        while (std > MaxCoarseStd * Math.ScaleB(1.0, fine)) fine++;
        double width = Math.ScaleB(1.0, fine);
        long limit = (long)GridLimit >> fine;
        mean = Math.Clamp((mean - (width - 1) / 2) / width, -limit, limit - 1);
        std /= width;
        long centre = (long)Math.Round(mean, MidpointRounding.ToEven);
        double h = Math.Ceiling(WindowStds * std) + 1;
        int half = h >= MaxHalfWidth ? MaxHalfWidth : (int)h;
        _fine = fine;
        _limit = limit;
        _low = Math.Max(centre - half, -limit);
        _bins = (int)(Math.Min(centre + half, limit - 1) - _low + 1);
        _invStd = 1.0 / std;
        _offset = _low - 0.5 - mean;
        _lowTail = NormalDistribution.Cdf(_offset * _invStd);
        _highTail = NormalDistribution.Cdf(-((_bins + _offset) * _invStd));
        _mass = (0.5 - _lowTail) + (0.5 - _highTail);
        _spread = (1UL << Precision) - (ulong)_bins - EscapeFreq;
    }

    /// <summary>Low bits of the index coded uniformly (0 unless the std exceeds <see cref="MaxCoarseStd"/> bins); the table is over
    /// the coarse index k >> FineBits.</summary>
    public int FineBits => _fine;

    /// <summary>The uniform the low bits are coded with: 2^FineBits (1: none).</summary>
    public uint FineCount => (uint)(1UL << _fine);

    /// <summary>The low bits of grid index <paramref name="k"/> (k mod 2^FineBits).</summary>
    public uint FineValue(long k) => (uint)(k & ((1L << _fine) - 1));

    /// <summary>The grid index of a coarse index and its low bits.</summary>
    public long Index(long coarse, uint fine) => (coarse << _fine) | fine;

    /// <summary>First grid index of the window.</summary>
    public long WindowLow => _low;

    /// <summary>Bins in the window.</summary>
    public int WindowBins => _bins;

    /// <summary>Where the escape's interval starts (= C(n)).</summary>
    public uint EscapeStart => (uint)(_spread + (ulong)_bins);

    /// <summary>Whether grid index <paramref name="k"/> lies in the window (else it is coded through the escape).</summary>
    public bool InWindow(long k) => (ulong)((k >> _fine) - _low) < (ulong)_bins;

    /// <summary>The interval of grid index <paramref name="k"/>: its bin's, or the escape's when it lies outside the window.</summary>
    public (uint Start, uint Freq) Interval(long k)
    {
        if (!InWindow(k))
            return (EscapeStart, EscapeFreq);
        int j = (int)((k >> _fine) - _low);
        uint start = Cumulative(j);
        return (start, Cumulative(j + 1) - start);
    }

    /// <summary>log2 of the probability the table codes grid index <paramref name="k"/> with: its interval's share of 2^24 over the
    /// 2^FineBits low-bit values, or, outside the window, the escape's share over its uniform (deterministic: integer logs).</summary>
    public double Log2Probability(long k)
    {
        (_, uint freq) = Interval(k);
        double bits = DeterministicMath.Log2(freq) - Precision - _fine;
        return InWindow(k) ? bits : bits - DeterministicMath.Log2(EscapeCount);
    }

    /// <summary>Finds the symbol whose interval holds <paramref name="cf"/>: a coarse index (k >> FineBits) in the window with its
    /// interval, or <paramref name="escape"/> = true (then the coarse index is the next uniform to pop, EscapeCount values) with the
    /// escape's interval. The low bits follow as a uniform over FineCount.</summary>
    public long Find(uint cf, out uint start, out uint freq, out bool escape)
    {
        uint escapeStart = EscapeStart;
        if (cf >= escapeStart)
        {
            (start, freq, escape) = (escapeStart, EscapeFreq, true);
            return 0;
        }
        // Largest j with C(j) <= cf: C(0) = 0 <= cf < C(n).
        int lo = 0, hi = _bins;
        uint cLo = 0, cHi = escapeStart;
        while (hi - lo > 1)
        {
            int mid = lo + ((hi - lo) >> 1);
            uint c = Cumulative(mid);
            if (c <= cf) (lo, cLo) = (mid, c);
            else (hi, cHi) = (mid, c);
        }
        (start, freq, escape) = (cLo, cHi - cLo, false);
        return _low + lo;
    }

    /// <summary>C(j), j in [0, n]: the start of window bin j (C(n) is the escape's start).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Cumulative(int j)
    {
        double a = (j + _offset) * _invStd;
        if (a < 0)
        {
            double below = Math.Clamp((NormalDistribution.Cdf(a) - _lowTail) / _mass, 0.0, 1.0);
            return (uint)((ulong)j + (ulong)(_spread * below));
        }
        double above = Math.Clamp((NormalDistribution.Cdf(-a) - _highTail) / _mass, 0.0, 1.0);
        return (uint)(_spread + (ulong)j - (ulong)(_spread * above));
    }

    /// <summary>Values the escape's uniform ranges over: every coarse index outside the window (2 limit - n).</summary>
    public uint EscapeCount => (uint)(2 * _limit - _bins);

    /// <summary>Grid index <paramref name="k"/> (outside the window) as the escape's uniform value: the rank of its coarse index among
    /// those outside the window, so every uniform value the decoder can pop names an index the window does not hold.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is in the window or off the grid.</exception>
    public uint EscapeValue(long k)
    {
        if (k < -GridLimit || k >= GridLimit || InWindow(k))
            throw new ArgumentOutOfRangeException(nameof(k), k, "Escaped grid indices lie in [-2^30, 2^30), outside the window.");
        long c = k >> _fine;
        return (uint)(c < _low ? c + _limit : c + _limit - _bins);
    }

    /// <summary>One fixed coarse index outside the window — the first past its high end, or the last before its low end where the
    /// window touches the grid's high edge (the coarse grid always extends past the window): what a coupled draw (CoupledGridDraw)
    /// that lands on the escape names.</summary>
    public long EscapeNeighbour => _low + _bins < _limit ? _low + _bins : _low - 1;

    /// <summary>The coarse index an escape's uniform value (below <see cref="EscapeCount"/>) stands for.</summary>
    public long FromEscapeValue(uint value) => value < _low + _limit ? value - _limit : value - _limit + _bins;
}
