// HangGuard: runs one fuzz input with a generous wall-clock guard, so a reader that loops forever fails its
// test instead of stalling CI. The guard only catches runaways; the mutation tests' pass/fail never depends
// on machine speed otherwise.
using System.Diagnostics;
using Engine.Fuzz;

namespace Engine.Fuzz.Tests;

internal static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="input"/> through <paramref name="target"/>; a finding escapes as its exception.</summary>
    public static (FuzzOutcome Outcome, TimeSpan Took) Run(FuzzTarget target, byte[] input)
    {
        long start = Stopwatch.GetTimestamp();
        Task<FuzzOutcome> run = Task.Run(() => target.Run(input));
        if (Task.WaitAny([run], Limit) != 0)
            Assert.Fail($"{target.Name}: a {input.Length}-byte input ran for more than {Limit.TotalSeconds} s (hang guard).");
        return (run.GetAwaiter().GetResult(), Stopwatch.GetElapsedTime(start));
    }
}
