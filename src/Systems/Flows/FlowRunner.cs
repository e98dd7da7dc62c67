// FlowRunner: drives one direction of a local bits-back coder over a message, as CoderRunner does for the McBits coders:
// it owns the context and the schedule, starts the lanes afresh (encode: seeded, decode: the message's state), hands the
// chains their contiguous runs of units and ticks once per unit step — encode forwards, decode in reverse — and after
// decoding demands that every chain is back at its seeded initial state.
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;
using Engine.Gpu;
using Engine.Modeling.Flows;
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>Runs a local bits-back schedule over all unit steps of one message.</summary>
internal sealed class FlowRunner : IDisposable
{
    private readonly FlowContext _context;
    private readonly Scheduler<CoderTick> _scheduler;

    public FlowRunner(ICifModel model, FlowOptions options, IRansBackend backend, RansLanes lanes)
    {
        Lanes = lanes;
        Options = options;
        _context = new FlowContext(model, options, lanes, backend, decoding: lanes.IsDecoder);
        try
        {
            _scheduler = FlowSchedule.Build(_context);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
    }

    public RansLanes Lanes { get; }

    public FlowOptions Options { get; }

    /// <summary>Encodes the units of <paramref name="data"/> (chain b: <paramref name="counts"/>[b], contiguous) from the seeded state.</summary>
    public void Encode(ReadOnlySpan<int> counts, byte[] data)
    {
        Lanes.Reset();
        _context.BeginRun(counts, data);
        int steps = _context.MaxUnits, every = ReportEvery(steps);
        for (int s = 0; s < steps; s++)
        {
            _scheduler.Tick(new CoderTick(s));
            if ((s + 1) % every == 0 || s + 1 == steps) Options.Progress?.Report((s + 1) / (double)steps);
        }
    }

    /// <summary>Decodes into <paramref name="data"/> from the lanes' loaded state, then checks every chain's final state.</summary>
    /// <exception cref="McbFormatException">A chain did not return to its initial state, a pop ran off its tail, or a decoded
    /// value cannot be data.</exception>
    public void Decode(ReadOnlySpan<int> counts, byte[] data)
    {
        _context.BeginRun(counts, data);
        int steps = _context.MaxUnits, every = ReportEvery(steps);
        try
        {
            for (int s = steps - 1; s >= 0; s--)
            {
                _scheduler.Tick(new CoderTick(s));
                int done = steps - s;
                if (done % every == 0 || s == 0) Options.Progress?.Report(done / (double)steps);
            }
        }
        catch (MessageCorruptException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "Decoding read past the end of a chain's message: " + e.Message, e);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or InvalidOperationException)
        {
            // A value no honest encoder writes (an index off the grid, a size that overflows): the message is damaged.
            throw new McbFormatException(McbErrorKind.Corrupt, "Decoding met a value no encoder writes: " + e.Message, e);
        }
        for (int b = 0; b < Lanes.Count; b++)
            if (!Lanes.IsAtInitialState(b))
                throw new McbFormatException(McbErrorKind.StateMismatch,
                    $"Chain {b} did not return to its seeded initial state after decoding: the message is corrupt or was coded differently.");
    }

    /// <summary>Values coded through the escape in this runner's runs.</summary>
    public long Escapes => _context.Escapes;

    /// <summary>What the scheduler measured (profiles when profiling is on).</summary>
    public SchedulerReport Report() => SchedulerReport.From(_scheduler);

    /// <summary>The coder's own estimate over the last encode: mean bits per unit and its standard error (NaN when nothing was
    /// encoded; SE NaN for one unit).</summary>
    public (double BitsPerUnit, double StandardError) Estimator() =>
        RunStatistics.Summarise(_context.EstimatorSum, _context.EstimatorSquares, _context.EstimatorUnits);

    private int ReportEvery(int unitSteps) => Options.Progress is null ? int.MaxValue : Math.Max(1, unitSteps / 1000);

    public void Dispose()
    {
        _scheduler.Dispose();
        _context.Dispose();
    }
}
