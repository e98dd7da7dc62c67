// MaskRuns: the masked form of a lane-range pass. Without a mask the whole range is one run; with one, each
// maximal run of active lanes is handed to the work in lane order, so inactive lanes are never read or written.
namespace Engine.Gpu.Cpu;

/// <summary>Work applied to a run [start, end) of active lanes.</summary>
internal interface IRunWork
{
    void Apply(int start, int end);
}

internal static unsafe class MaskRuns
{
    /// <summary>Applies <paramref name="work"/> to the active runs of [start, start + count) (all of it when <paramref name="mask"/> is null).</summary>
    public static void Run<TWork>(in TWork work, byte* mask, int start, int count) where TWork : struct, IRunWork
    {
        int limit = start + count;
        if (mask is null)
        {
            work.Apply(start, limit);
            return;
        }
        for (int b = start; Next(mask, b, limit, out int runStart, out int runEnd); b = runEnd)
            work.Apply(runStart, runEnd);
    }

    /// <summary>The next maximal run [start, end) of active lanes at or after <paramref name="from"/> below <paramref name="limit"/>;
    /// false when none is left.</summary>
    private static bool Next(byte* mask, int from, int limit, out int start, out int end)
    {
        int b = from;
        while (b < limit && mask[b] == 0)
            b++;
        start = b;
        while (b < limit && mask[b] != 0)
            b++;
        end = b;
        return start < limit;
    }
}
