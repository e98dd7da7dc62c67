// CoderRunner: drives one direction of a coder. Encode splits the units into B contiguous runs (the first
// units % B chains get one more), builds the context and schedule and ticks once per unit step; decode
// starts the lanes from the message state and ticks the mirror schedule with the steps in reverse, then
// demands that every chain is back at its seeded initial state (docs/architecture.md#the-integrity-check).
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Coding;

/// <summary>Runs a coder schedule over all unit steps.</summary>
internal static class CoderRunner
{
    /// <summary>Units per chain: contiguous runs, the first <c>units % chains</c> one longer.</summary>
    public static int[] SplitUnits(int units, int chains)
    {
        var counts = new int[chains];
        for (int b = 0; b < chains; b++) counts[b] = units / chains + (b < units % chains ? 1 : 0);
        return counts;
    }

    /// <summary>Encodes <paramref name="data"/>; returns the lanes (encoder mode) and the schedule's profiles.</summary>
    public static (RansLanes Lanes, int[] UnitCounts, SchedulerReport Report) Encode(ILatentModel model, CoderOptions options, IRansBackend backend, byte[] data,
        CouplingScheme? coupling = null)
    {
        int units = data.Length / model.Shape.SymbolsPerUnit;
        int[] counts = SplitUnits(units, options.Chains);
        var lanes = new RansLanes(options.Chains, options.Seed);
        using var context = new CoderContext(model, options, lanes, backend, decoding: false, counts, data, coupling);
        using Scheduler<CoderTick> scheduler = CoderSchedule.Build(context);
        int every = ReportEvery(context.MaxUnits, options);
        for (int s = 0; s < context.MaxUnits; s++)
        {
            scheduler.Tick(new CoderTick(s));
            if ((s + 1) % every == 0 || s + 1 == context.MaxUnits) options.Progress?.Report((s + 1) / (double)context.MaxUnits);
        }
        return (lanes, counts, SchedulerReport.From(scheduler));
    }

    /// <summary>Unit steps between progress reports: about a thousand reports per run.</summary>
    private static int ReportEvery(int unitSteps, CoderOptions options) => options.Progress is null ? int.MaxValue : Math.Max(1, unitSteps / 1000);

    /// <summary>Decodes units from lanes in decoder mode and checks the final state.</summary>
    /// <exception cref="McbFormatException">A chain did not return to its initial state, or a pop ran off its tail.</exception>
    public static (byte[] Data, SchedulerReport Report) Decode(ILatentModel model, CoderOptions options, IRansBackend backend, RansLanes lanes, int units,
        CouplingScheme? coupling = null)
    {
        int[] counts = SplitUnits(units, options.Chains);
        var data = new byte[checked(units * model.Shape.SymbolsPerUnit)];
        using var context = new CoderContext(model, options, lanes, backend, decoding: true, counts, data, coupling);
        using Scheduler<CoderTick> scheduler = CoderSchedule.Build(context);
        try
        {
            int every = ReportEvery(context.MaxUnits, options);
            for (int s = context.MaxUnits - 1; s >= 0; s--)
            {
                scheduler.Tick(new CoderTick(s));
                int done = context.MaxUnits - s;
                if (done % every == 0 || s == 0) options.Progress?.Report(done / (double)context.MaxUnits);
            }
        }
        catch (MessageCorruptException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "Decoding read past the end of a chain's message: " + e.Message, e);
        }
        for (int b = 0; b < options.Chains; b++)
        {
            if (!lanes.IsAtInitialState(b))
                throw new McbFormatException(McbErrorKind.StateMismatch,
                    $"Chain {b} did not return to its seeded initial state after decoding: the message is corrupt or was coded differently.");
        }
        return (data, SchedulerReport.From(scheduler));
    }
}
