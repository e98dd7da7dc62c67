// RangeRunner: splits [0, n) into one contiguous range per worker and runs a work struct on each, in
// parallel only when every worker gets at least minPerTask items (below that the fork/join costs more
// than it saves). Ranges never overlap and RansLanes keeps per-lane state only, so lanes in different
// ranges never share memory. An exception is re-thrown unwrapped, the one from the lowest range first,
// matching what a sequential pass would have hit first.
//
// The parallel branch lives in its own method: a lambda's closure object is created where its captured
// variables come into scope (here: the method's parameters), so a lambda in Run itself allocated on
// every call, even on the sequential path that every small backend call takes.
using System.Runtime.ExceptionServices;

namespace Engine.Gpu.Cpu;

internal static class RangeRunner
{
    public static void Run<TWork>(in TWork work, int n, int minPerTask, int maxDegree) where TWork : struct, IRangeWork
    {
        int tasks = Math.Min(maxDegree, n / Math.Max(1, minPerTask));
        if (tasks <= 1)
        {
            if (n > 0)
                work.Run(0, n);
            return;
        }
        RunParallel(work, n, tasks);
    }

    /// <summary>The fork/join path (allocates its closure and Parallel.For's state: once per call of at least
    /// 2 × minPerTask items, never per item).</summary>
    private static void RunParallel<TWork>(TWork work, int n, int tasks) where TWork : struct, IRangeWork
    {
        int per = (n + tasks - 1) / tasks;
        tasks = (n + per - 1) / per;
        var errors = new Exception?[tasks];
        Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = tasks }, t =>
        {
            int start = t * per;
            try
            {
                work.Run(start, Math.Min(per, n - start));
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        });
        foreach (Exception? e in errors)
        {
            if (e is not null)
                ExceptionDispatchInfo.Throw(e);
        }
    }
}
