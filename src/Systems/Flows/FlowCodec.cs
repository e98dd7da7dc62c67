// FlowCodec: the public facade of local bits-back coding with continuously-indexed flows (docs/flows.md): any model that
// implements ICifModel (ToyCif, a user's own) codes vectors of D symbols, each below 2^SymbolBits (at most 8 bits, one
// byte a symbol). Encode splits the units into B contiguous runs, runs the coder's schedule (FlowSchedule) and packs an
// McbMessage (coder LBB-BitSwap or LBB-Naive, FlowMessageFields' parameters, the model's description, fingerprint and
// numeric backend, the rANS backend, the checksum of the output as units x D). Decode checks the budget (symbols x
// layers), the model and its backend and the parameters before it builds anything, runs the mirror schedule, and
// verifies every chain's final state and the checksum; any failure is an McbFormatException whose Kind says what failed.
using System.Diagnostics;
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Modeling.Flows;
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>Encode and decode data with a continuously-indexed flow by local bits-back coding.</summary>
public static class FlowCodec
{
    /// <summary>Encodes <paramref name="symbols"/>: whole units of the model's D symbols, each below 2^SymbolBits.</summary>
    /// <exception cref="ArgumentException">The data is empty or not a whole number of units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A symbol is out of range, or an option is.</exception>
    /// <exception cref="NotSupportedException">The model's symbols have more than 8 bits.</exception>
    public static FlowEncodeResult Encode(ReadOnlySpan<byte> symbols, ICifModel model, FlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        CifShape shape = model.Shape;
        CheckShape(shape);
        options.Validate(shape.SymbolBits);
        int d = shape.Dims;
        if (symbols.IsEmpty || symbols.Length % d != 0)
            throw new ArgumentException($"The model codes units of {d} symbols; {symbols.Length} symbols is not a positive multiple.", nameof(symbols));
        int top = 1 << shape.SymbolBits;
        for (int i = 0; i < symbols.Length; i++)
            if (symbols[i] >= top)
                throw new ArgumentOutOfRangeException(nameof(symbols), $"Symbol {symbols[i]} at {i} is not below 2^{shape.SymbolBits}.");
        byte[] data = symbols.ToArray();
        int units = data.Length / d;
        if (options.Chains > units)
            throw new ArgumentOutOfRangeException(nameof(options), options.Chains, $"{options.Chains} chains for {units} units: at most one chain a unit.");
        if ((long)options.Chains * d > FlowOptions.MaxChainSymbols)
            throw new ArgumentOutOfRangeException(nameof(options), options.Chains, $"{options.Chains} chains x {d} dimensions is above the {FlowOptions.MaxChainSymbols} one run holds.");
        int[] counts = CoderRunner.SplitUnits(units, options.Chains);
        IRansBackend backend = options.Backend ?? new CpuBackend();
        long start = Stopwatch.GetTimestamp();
        SchedulerReport report;
        (double BitsPerUnit, double StandardError) estimator;
        long escapes;
        RansLanes lanes = new(options.Chains, options.Seed);
        try
        {
            using var runner = new FlowRunner(model, options, backend, lanes);
            runner.Encode(counts, data);
            report = runner.Report();
            estimator = runner.Estimator();
            escapes = runner.Escapes;
        }
        finally
        {
            if (options.Backend is null) backend.Dispose();
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        McbMessage message = CodecRun.Pack(options.FormatVersion, FlowMessageFields.Name(options.Coder), FlowMessageFields.Parameters(options, shape),
            model.Identity, backend.Name, counts, d, lanes, [units, d], data, extra: null);
        return new FlowEncodeResult(message, options, units, d, CodecRun.Accounts(lanes), seconds, report.Profiles, report.Table)
        {
            EstimatorBitsPerDim = estimator.BitsPerUnit / d,
            EstimatorStandardError = estimator.StandardError / d,
            Escapes = escapes,
        };
    }

    /// <summary>Decodes and verifies a message written with <paramref name="model"/>: the symbols, row-major, D per unit. Any rANS
    /// backend decodes any backend's message; null runs a fresh cpu backend.</summary>
    /// <exception cref="McbFormatException">Over the decode budget, another model or numeric backend, malformed parameters, corrupt
    /// state, or a failed check.</exception>
    public static DecodeResult Decode(McbMessage message, ICifModel model, IRansBackend? backend = null, bool profile = false,
        IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(model);
        CifShape shape = model.Shape;
        CheckShape(shape);
        (FlowOptions options, int units) = CheckMessage(message, model);
        options = options with { Profile = profile, Progress = progress };
        RansLanes lanes = CodecRun.LanesOf(message);
        IRansBackend run = backend ?? new CpuBackend();
        long start = Stopwatch.GetTimestamp();
        var data = new byte[checked(units * shape.Dims)];
        SchedulerReport report;
        try
        {
            using var runner = new FlowRunner(model, options, run, lanes);
            runner.Decode(CoderRunner.SplitUnits(units, options.Chains), data);
            report = runner.Report();
        }
        finally
        {
            if (backend is null) run.Dispose();
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        DecodeVerifier.Verify(lanes, message, [units, shape.Dims], data);
        return new DecodeResult(data, seconds, report.Profiles, [], report.Table);
    }

    /// <summary>True when <paramref name="message"/> names a local bits-back coder.</summary>
    public static bool IsFlowMessage(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FlowMessageFields.IsFlowCoder(message.Coder);
    }

    /// <summary>The options <paramref name="message"/> was coded with, checked against <paramref name="model"/>.</summary>
    /// <exception cref="McbFormatException">As <see cref="Decode"/>.</exception>
    public static FlowOptions OptionsOf(McbMessage message, ICifModel model) => CheckMessage(message, model).Options;

    // Every check before anything is built: the message's own consistency and format version, model identity and numeric
    // backend, parameters, budget (work and live particles), counts.
    private static (FlowOptions Options, int Units) CheckMessage(McbMessage message, ICifModel model)
    {
        try
        {
            message.Validate();
        }
        catch (ArgumentException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "The message is inconsistent: " + e.Message, e);
        }
        if (message.FormatVersion < 4)
            throw new McbFormatException(McbErrorKind.Corrupt, $"Local bits-back messages start at format version 4; this one says {message.FormatVersion}.");
        if (!IsFlowMessage(message))
            throw new McbFormatException(McbErrorKind.Corrupt, $"'{UntrustedText.Excerpt(message.Coder)}' is not a local bits-back coder.");
        CifShape shape = model.Shape;
        DecodeVerifier.VerifyModel(message, model.Identity.Description, model.Identity.Fingerprint);
        CodecRun.VerifyNumericBackend(message, model.Identity);
        FlowOptions options = FlowMessageFields.Read(message, shape);
        // Saturating: counts are untrusted, and a wrapped sum must never pass for a small one.
        const long Cap = 1L << 40;
        long symbols = 0;
        foreach (long c in message.SymbolCounts) symbols = c > Cap - symbols ? Cap : symbols + Math.Max(0, c);
        // Each symbol is walked through every layer once by the local bits-back passes and (importance sampling) about three
        // times per particle.
        bool importance = options.Coder.HasParticles();
        long passes = shape.Layers * (importance ? 1 + 3L * options.Particles : 1);
        DecodeBudget budget = DecodeBudget.Current;
        budget.EnforceWork(symbols * passes, $"{symbols} symbols x {shape.Layers} layers{(importance ? $" x {passes / shape.Layers} particle walks" : "")}");
        budget.EnforceLiveParticles((long)message.ChainCount * options.Particles, message.ChainCount, options.Particles);
        if ((long)message.ChainCount * shape.Dims > FlowOptions.MaxChainSymbols)
            throw new McbFormatException(McbErrorKind.LimitExceeded,
                $"{message.ChainCount} chains x {shape.Dims} dimensions is above the {FlowOptions.MaxChainSymbols} one decode holds.");
        int units = CodecRun.Units(message, shape.Dims, options.Chains, "symbol");
        if (message.ChainCount > Math.Max(1, units))
            throw new McbFormatException(McbErrorKind.Corrupt, $"{message.ChainCount} chains for {units} units: an encoder writes at most one chain a unit.");
        return (options, units);
    }

    private static void CheckShape(CifShape shape)
    {
        if (shape.SymbolBits > 8)
            throw new NotSupportedException($"FlowCodec codes byte symbols; the model's have {shape.SymbolBits} bits.");
    }
}
