// RunStatistics: small pieces every coding run shares, whatever its coder family: handing B chains their contiguous runs of
// units (ChainCursor), and summarising per-chain sums of a per-unit quantity into its mean and standard error.
using Engine.Components;

namespace Engine.Systems.Coding;

internal static class RunStatistics
{
    /// <summary>Starts chain b at its run of <paramref name="unitCounts"/>[b] units, contiguous from unit 0; returns the longest run.</summary>
    public static int StartRuns(Span<ChainCursor> cursors, ReadOnlySpan<int> unitCounts)
    {
        int longest = 0;
        for (int b = 0, first = 0; b < cursors.Length; first += unitCounts[b++])
        {
            cursors[b] = new ChainCursor(first, unitCounts[b], -1);
            longest = Math.Max(longest, unitCounts[b]);
        }
        return longest;
    }

    /// <summary>Mean and standard error of a per-unit quantity from per-chain sums, sums of squares and unit counts (NaN when no
    /// unit finished; the error NaN for one).</summary>
    public static (double Mean, double StandardError) Summarise(ReadOnlySpan<double> sums, ReadOnlySpan<double> squares, ReadOnlySpan<long> units)
    {
        double sum = 0, sq = 0;
        long n = 0;
        for (int b = 0; b < sums.Length; b++)
        {
            sum += sums[b];
            sq += squares[b];
            n += units[b];
        }
        if (n == 0) return (double.NaN, double.NaN);
        double mean = sum / n, variance = n > 1 ? Math.Max(0, (sq - n * mean * mean) / (n - 1)) : double.NaN;
        return (mean, Math.Sqrt(variance / n));
    }
}
