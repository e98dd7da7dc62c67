// GridGaussian: N(mean, std^2) on a fixed integer grid (bin k holds the values within half a bin of k), as a
// precision-32 rANS table that is never built: the coder asks for one bin's interval (push) or searches the cumulative
// function (pop), each probe a few Phi evaluations. Local bits-back coding of flows needs this (Ho et al.): a latent is
// popped from a narrow Gaussian whose mean and width a network decides, on a grid far finer than that width.
//
// The table, for a mean m and std w in bins (both clamped to sane ranges), centre bin c = round(m) and half-width
// H = clamp(ceil(7 w) + 1, 1, MaxHalfWidth):
//   * the window holds the n = 2H + 1 bins c - H .. c + H; bin j of it (j = 0 .. n-1) gets frequency
//     1 + (its share of M' = 2^32 - n - EscapeFreq), so every bin is >= 1 whatever the floats do;
//   * one escape symbol of frequency EscapeFreq ends the table: a value outside the window is coded as the escape and then
//     its rank among the 2^31 - n grid indices of [-2^30, 2^30) outside the window as a uniform, so any value the grid holds
//     codes losslessly, and an escape the decoder pops (from bits that were pushed under another distribution) can only
//     name an index outside the window, which the encoder would have coded the same way;
//   * the cumulative function C(j) counts edges from whichever end of the window is nearer the mean, so both halves take
//     their masses from the accurate lower tail Phi(-|a|) (NormalDistribution's tails have ~1e-15 relative error while
//     neighbouring edges differ by far more, so C is monotone), with a the edge standardised:
//       a_j = (j - H - 1/2 - e) / w, e = m - c in [-1/2, 1/2]
//       C(j) = j + floor(M' below_j / Z)             where a_j < 0, below_j = Phi(a_j) - Phi(a_0)
//       C(j) = M' + j - floor(M' above_j / Z)        where a_j >= 0, above_j = Phi(-a_j) - Phi(-a_n)
//     with Z = (1/2 - Phi(a_0)) + (1/2 - Phi(-a_n)) the window's mass. C(0) = 0, C(n) = n + M'; within a half C grows by >= 1
//     a bin, and across the split floor(M' A) + floor(M' B) <= M' because A + B <= 1 up to an ulp, so again >= 1.
// Everything is IEEE basic operations and NormalDistribution (DeterministicMath), so every machine computes the same
// intervals from the same (mean, std) doubles.
using System.Runtime.CompilerServices;

namespace Engine.Ans.Quantization;

/// <summary>A discretised Gaussian on the integer grid, as a precision-32 interval table with a window and an escape.</summary>
public readonly struct GridGaussian
{
    /// <summary>Precision of every interval.</summary>
    public const int Precision = 32;

    /// <summary>Frequency of the escape symbol that ends the table (costs about 2^-20 · 1.44 bits a symbol).</summary>
    public const uint EscapeFreq = 1u << 12;

    /// <summary>The grid holds indices in [-<see cref="GridLimit"/>, <see cref="GridLimit"/>).</summary>
    public const int GridLimit = 1 << 30;

    /// <summary>Indices on the grid.</summary>
    public const uint GridUniform = 1u << 31;

    /// <summary>Most bins on either side of the centre.</summary>
    public const int MaxHalfWidth = 1 << 23;

    /// <summary>Window half-width in standard deviations.</summary>
    public const double WindowStds = 7.0;

    /// <summary>Smallest std (in bins) the table uses; a smaller, zero or NaN std is raised to it.</summary>
    public const double MinStd = 1.0 / 1024;

    private readonly long _low;        // first bin of the window, c - H
    private readonly int _bins;        // n = 2H + 1
    private readonly double _offset;   // -(H + 1/2 + e): a_j = (j + offset) * invStd
    private readonly double _invStd;
    private readonly double _lowTail;  // Phi(a_0)
    private readonly double _highTail; // Phi(-a_n)
    private readonly double _mass;     // Z
    private readonly ulong _spread;    // M'

    /// <summary>The table of N(<paramref name="mean"/>, <paramref name="std"/>^2), both in bins. A NaN mean is read as 0; the mean is
    /// clamped so the window lies inside the grid; the std is clamped to [<see cref="MinStd"/>, 2^40].</summary>
    public GridGaussian(double mean, double std)
    {
        if (!(std >= MinStd)) std = MinStd;
        if (!(std <= 1099511627776.0)) std = 1099511627776.0;
        double limit = GridLimit - MaxHalfWidth - 1;
        if (double.IsNaN(mean)) mean = 0;
        mean = Math.Clamp(mean, -limit, limit);
        long centre = (long)Math.Round(mean, MidpointRounding.ToEven);
        double e = mean - centre;
        double h = Math.Ceiling(WindowStds * std) + 1;
        int half = h >= MaxHalfWidth ? MaxHalfWidth : (int)h;
        _low = centre - half;
        _bins = 2 * half + 1;
        _invStd = 1.0 / std;
        _offset = -(half + 0.5 + e);
        _lowTail = NormalDistribution.Cdf(_offset * _invStd);
        _highTail = NormalDistribution.Cdf(-((_bins + _offset) * _invStd));
        _mass = (0.5 - _lowTail) + (0.5 - _highTail);
        _spread = (1UL << Precision) - (ulong)_bins - EscapeFreq;
    }

    /// <summary>First grid index of the window.</summary>
    public long WindowLow => _low;

    /// <summary>Bins in the window.</summary>
    public int WindowBins => _bins;

    /// <summary>Where the escape's interval starts (= C(n)).</summary>
    public uint EscapeStart => (uint)(_spread + (ulong)_bins);

    /// <summary>Whether grid index <paramref name="k"/> lies in the window (else it is coded through the escape).</summary>
    public bool InWindow(long k) => (ulong)(k - _low) < (ulong)_bins;

    /// <summary>The interval of grid index <paramref name="k"/>: its bin's, or the escape's when it lies outside the window.</summary>
    public (uint Start, uint Freq) Interval(long k)
    {
        if (!InWindow(k))
            return (EscapeStart, EscapeFreq);
        int j = (int)(k - _low);
        uint start = Cumulative(j);
        return (start, Cumulative(j + 1) - start);
    }

    /// <summary>Finds the symbol whose interval holds <paramref name="cf"/>: a grid index in the window with its interval, or
    /// <paramref name="escape"/> = true (then the index is the next uniform to pop) with the escape's interval.</summary>
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

    /// <summary>Values the escape's uniform ranges over: every grid index outside the window (2^31 - n).</summary>
    public uint EscapeCount => GridUniform - (uint)_bins;

    /// <summary>Grid index <paramref name="k"/> (outside the window) as the escape's uniform value: its rank among the indices
    /// outside the window, so every uniform value the decoder can pop names an index the window does not hold.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is in the window or off the grid.</exception>
    public uint EscapeValue(long k)
    {
        if (k < -GridLimit || k >= GridLimit || InWindow(k))
            throw new ArgumentOutOfRangeException(nameof(k), k, "Escaped grid indices lie in [-2^30, 2^30), outside the window.");
        return (uint)(k < _low ? k + GridLimit : k + GridLimit - _bins);
    }

    /// <summary>The grid index an escape's uniform value (below <see cref="EscapeCount"/>) stands for.</summary>
    public long FromEscapeValue(uint value) => value < _low + GridLimit ? (long)value - GridLimit : (long)value - GridLimit + _bins;
}
