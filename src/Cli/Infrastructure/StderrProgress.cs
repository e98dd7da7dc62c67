// StderrProgress: progress of a long encode or decode as plain lines on standard error — nothing for a run
// shorter than the interval (2 s), then one line per interval ("mcbits: encoding 37% (4 s)"), so a 2M-symbol
// compress is no longer silent for its whole run while short runs print nothing extra. Off with --quiet or --json.
using System.Diagnostics;
using System.Globalization;

namespace Engine.Cli.Infrastructure;

internal sealed class StderrProgress(TextWriter error, string what, TimeSpan? interval = null) : IProgress<double>
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromSeconds(2);
    private TimeSpan _nextAt = interval ?? TimeSpan.FromSeconds(2);

    /// <summary>Prints a line when an interval has passed since the last one (never at 100%: the report follows).</summary>
    public void Report(double fraction)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_start);
        if (elapsed < _nextAt || fraction >= 1) return;
        _nextAt = elapsed + _interval;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mcbits: {what} {fraction * 100:F0}% ({elapsed.TotalSeconds:F0} s)"));
    }
}
