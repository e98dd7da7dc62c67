// ChildMcbits: runs the built mcbits.dll as a separate `dotnet` process and records its peak resident set
// (VmHWM from /proc/<pid>/status, polled every few milliseconds while it runs; the kernel keeps the
// high-water mark, so a late poll still sees the peak unless the process has already exited) and wall
// time. The resource tests of issue 10 assert memory on it; the wall clock is only a hang guard (the child
// is killed after HangGuard).
using System.Diagnostics;

namespace Engine.Cli.Tests;

/// <summary>The outcome of one child-process run of mcbits.</summary>
/// <param name="ExitCode">The process exit code (-1 when killed by the hang guard).</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="PeakKiB">Largest VmHWM seen, in KiB.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
internal sealed record ChildResult(int ExitCode, string Out, string Error, long PeakKiB, double Seconds)
{
    /// <summary>Non-empty lines of <see cref="Error"/>.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Peak resident set in MB (10^6 bytes).</summary>
    public double PeakMB => PeakKiB * 1024 / 1e6;

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}, peak {PeakMB:F1} MB, {Seconds:F2} s\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs mcbits as a child process with memory measurement.</summary>
internal static class ChildMcbits
{
    /// <summary>Longest a child may run before it is killed and the test fails.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>dotnet mcbits.dll</c> with <paramref name="args"/>.</summary>
    public static ChildResult Run(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "mcbits.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string a in args) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using Process p = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        string status = $"/proc/{p.Id}/status";
        while (!p.WaitForExit(5))
        {
            peak = Math.Max(peak, ReadHwm(status));
            if (clock.Elapsed > HangGuard)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return new ChildResult(-1, stdout.Result, stderr.Result + $"\n(killed after {HangGuard.TotalSeconds} s)", peak, clock.Elapsed.TotalSeconds);
            }
        }
        return new ChildResult(p.ExitCode, stdout.Result, stderr.Result, peak, clock.Elapsed.TotalSeconds);
    }

    private static long ReadHwm(string status)
    {
        try
        {
            foreach (string line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }
}
