// CoderRunner: drives one direction of a coder, message after message. It owns the context (world, model
// session, workers), the schedule and the lanes, built once; each run starts the lanes afresh (encode: the
// seeded initial state, decode: the message's state, loaded by the caller), hands the chains their units
// (BeginRun) and ticks once per unit step. Encode splits the units into B contiguous runs (the first
// units % B chains get one more) and ticks forwards; decode ticks the mirror schedule with the steps in
// reverse, then demands that every chain is back at its seeded initial state
// (docs/architecture.md#the-integrity-check). A run allocates nothing once the tails have grown to size.
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems.Coding;

/// <summary>Runs a coder schedule over all unit steps of one message at a time; reusable.</summary>
internal sealed class CoderRunner : IDisposable
{
    private readonly CoderContext _context;
    private readonly Scheduler<CoderTick> _scheduler;

    /// <summary>Builds the run state for <paramref name="lanes"/> (encoder-mode lanes to encode, decoder-mode to decode).</summary>
    public CoderRunner(ILatentModel model, CoderOptions options, IRansBackend backend, RansLanes lanes, CouplingScheme? coupling = null)
    {
        Lanes = lanes;
        Options = options;
        _context = new CoderContext(model, options, lanes, backend, decoding: lanes.IsDecoder, coupling);
        try
        {
            _scheduler = CoderSchedule.Build(_context);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
    }

    public RansLanes Lanes { get; }

    public CoderOptions Options { get; }

    /// <summary>Units per chain: contiguous runs, the first <c>units % chains</c> one longer.</summary>
    public static int[] SplitUnits(int units, int chains)
    {
        var counts = new int[chains];
        SplitUnits(units, counts);
        return counts;
    }

    /// <summary><see cref="SplitUnits(int, int)"/> into <paramref name="counts"/> (one per chain).</summary>
    public static void SplitUnits(int units, Span<int> counts)
    {
        int chains = counts.Length;
        for (int b = 0; b < chains; b++) counts[b] = units / chains + (b < units % chains ? 1 : 0);
    }

    /// <summary>Encodes the units of <paramref name="data"/> (chain b: <paramref name="counts"/>[b] of them, contiguous) from the
    /// lanes' seeded initial state.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired (the lanes are then mid-run; the next run resets them).</exception>
    public void Encode(ReadOnlySpan<int> counts, byte[] data, CancellationToken cancel = default)
    {
        Lanes.Reset();
        _context.BeginRun(counts, data);
        int steps = _context.MaxUnits, every = ReportEvery(steps);
        for (int s = 0; s < steps; s++)
        {
            cancel.ThrowIfCancellationRequested();
            _scheduler.Tick(new CoderTick(s));
            if ((s + 1) % every == 0 || s + 1 == steps) Options.Progress?.Report((s + 1) / (double)steps);
        }
    }

    /// <summary>Decodes into <paramref name="data"/> from the state the caller loaded into the lanes, then checks every chain's
    /// final state.</summary>
    /// <exception cref="McbFormatException">A chain did not return to its initial state, or a pop ran off its tail.</exception>
    public void Decode(ReadOnlySpan<int> counts, byte[] data, CancellationToken cancel = default)
    {
        _context.BeginRun(counts, data);
        int steps = _context.MaxUnits, every = ReportEvery(steps);
        try
        {
            for (int s = steps - 1; s >= 0; s--)
            {
                cancel.ThrowIfCancellationRequested();
                _scheduler.Tick(new CoderTick(s));
                int done = steps - s;
                if (done % every == 0 || s == 0) Options.Progress?.Report(done / (double)steps);
            }
        }
        catch (MessageCorruptException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "Decoding read past the end of a chain's message: " + e.Message, e);
        }
        for (int b = 0; b < Lanes.Count; b++)
        {
            if (!Lanes.IsAtInitialState(b))
                throw new McbFormatException(McbErrorKind.StateMismatch,
                    $"Chain {b} did not return to its seeded initial state after decoding: the message is corrupt or was coded differently.");
        }
    }

    /// <summary>What the scheduler measured over every run so far (profiles when profiling is on).</summary>
    public SchedulerReport Report() => SchedulerReport.From(_scheduler);

    /// <summary>The coder's own estimator over the last run: mean −log2 p̂ per unit and its standard error (NaN when the coder
    /// computes no importance weights, or no unit finished).</summary>
    public (double BitsPerUnit, double StandardError) Estimator()
    {
        (double mean, double se) = RunStatistics.Summarise(_context.EstimatorSum, _context.EstimatorSumSquares, _context.EstimatorUnits);
        return (-mean, se);
    }

    /// <summary>Unit steps between progress reports: about a thousand reports per run.</summary>
    private int ReportEvery(int unitSteps) => Options.Progress is null ? int.MaxValue : Math.Max(1, unitSteps / 1000);

    /// <summary>One-shot encode of <paramref name="data"/>; returns the lanes (encoder mode) and the schedule's profiles.</summary>
    public static (RansLanes Lanes, int[] UnitCounts, SchedulerReport Report, (double BitsPerUnit, double StandardError) Estimator) Encode(ILatentModel model,
        CoderOptions options, IRansBackend backend, byte[] data, CouplingScheme? coupling = null)
    {
        int[] counts = SplitUnits(data.Length / model.Shape.SymbolsPerUnit, options.Chains);
        using var runner = new CoderRunner(model, options, backend, new RansLanes(options.Chains, options.Seed), coupling);
        runner.Encode(counts, data);
        return (runner.Lanes, counts, runner.Report(), runner.Estimator());
    }

    /// <summary>One-shot decode of <paramref name="units"/> units from lanes in decoder mode, checking the final state.</summary>
    /// <exception cref="McbFormatException">A chain did not return to its initial state, or a pop ran off its tail.</exception>
    public static (byte[] Data, SchedulerReport Report) Decode(ILatentModel model, CoderOptions options, IRansBackend backend, RansLanes lanes, int units,
        CouplingScheme? coupling = null)
    {
        var data = new byte[checked(units * model.Shape.SymbolsPerUnit)];
        using var runner = new CoderRunner(model, options, backend, lanes, coupling);
        runner.Decode(SplitUnits(units, options.Chains), data);
        return (data, runner.Report());
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        _context.Dispose();
    }
}
