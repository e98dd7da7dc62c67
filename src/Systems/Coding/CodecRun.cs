// CodecRun: the run-and-pack half that every codec facade shares (McBitsCodec for any model, VaeCodec for
// images): encode runs the coder's schedule over B lock-step chains (CoderRunner) on the options' backend
// (or a fresh cpu one), times it and packs an McbMessage — coder name, the facade's coder parameters, the
// model's description and fingerprint, the rANS backend, per-chain symbol counts, seed, heads, tails, the
// output checksum of the options' format version and the facade's extra fields; decode rebuilds the lanes
// from a message whose model and parameters the facade has already checked, runs the mirror schedule and
// verifies the final state and the checksum (DecodeVerifier). The facade decides what the message says
// about its options, the shape of one unit of output (toy: steps x symbols per step; VAE: rows x cols, which
// from format version 2 the checksum covers with the unit count) and which CouplingScheme the run uses;
// everything else is here once, including the model's numerical backend
// (ModelIdentity.NumericBackend, recorded as Extra["model_backend"] and checked before decoding).
using System.Diagnostics;
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Modeling;

namespace Engine.Systems.Coding;

/// <summary>Runs a coder over a model and packs (or unpacks and verifies) the message.</summary>
internal static class CodecRun
{
    /// <summary>Extra key of <see cref="ModelIdentity.NumericBackend"/> in messages.</summary>
    public const string ModelBackendKey = "model_backend";

    /// <summary>Encodes <paramref name="data"/> (validated whole units; kept, not copied) and packs the message; one unit
    /// of the output is an array of <paramref name="unitShape"/> (its product is the model's symbols per unit).</summary>
    public static EncodeResult Encode(ILatentModel model, byte[] data, CoderOptions options, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string>? extra, CouplingScheme coupling, int[] unitShape)
    {
        int unit = model.Shape.SymbolsPerUnit;
        IRansBackend backend = options.Backend ?? new CpuBackend();
        long start = Stopwatch.GetTimestamp();
        RansLanes lanes;
        int[] counts;
        SchedulerReport report;
        (double BitsPerUnit, double StandardError) estimator;
        try
        {
            (lanes, counts, report, estimator) = CoderRunner.Encode(model, options, backend, data, coupling);
        }
        finally
        {
            if (options.Backend is null) backend.Dispose();
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        McbMessage message = Pack(options.FormatVersion, CoderNames.ToName(options.Kind), parameters, model.Identity, backend.Name, counts, unit,
            lanes, Dimensions(data.Length / unit, unitShape), data, extra);
        return new EncodeResult(message, options, data.Length, data.Length / unit, Accounts(lanes), seconds, report.Profiles, report.Trace, report.Table)
        {
            EstimatorBitsPerUnit = estimator.BitsPerUnit,
            EstimatorStandardError = estimator.StandardError,
        };
    }

    /// <summary>The message of an encode that left its state in <paramref name="lanes"/> (encoder mode): coder name and parameters, the
    /// model's identity (its numeric backend joins <paramref name="extra"/>), the rANS backend's name, per-chain symbol counts (units x
    /// <paramref name="unit"/>), seed, heads and tails, and the checksum of <paramref name="data"/> as an array of <paramref name="dimensions"/>
    /// for <paramref name="version"/>. One place for every codec facade (McBitsCodec, VaeCodec, FlowCodec).</summary>
    public static McbMessage Pack(int version, string coder, IReadOnlyDictionary<string, string> parameters, ModelIdentity identity, string backend,
        IReadOnlyList<int> unitCounts, int unit, RansLanes lanes, ReadOnlySpan<long> dimensions, ReadOnlySpan<byte> data,
        IReadOnlyDictionary<string, string>? extra) => new()
    {
        FormatVersion = version,
        Coder = coder,
        CoderParameters = parameters,
        Model = identity.Description,
        ModelFingerprint = (byte[])identity.Fingerprint.Clone(),
        Backend = backend,
        SymbolCounts = unitCounts.Select(c => (long)c * unit).ToArray(),
        Seed = lanes.Seed,
        Heads = lanes.SnapshotHeads(),
        Tails = lanes.SnapshotTails(),
        DataChecksum = OutputChecksum.Compute(version, dimensions, data),
        Extra = WithBackend(extra, identity.NumericBackend),
    };

    /// <summary>Each chain's bit account.</summary>
    public static RansAccount[] Accounts(RansLanes lanes)
    {
        var accounts = new RansAccount[lanes.Count];
        for (int b = 0; b < accounts.Length; b++) accounts[b] = lanes.Account(b);
        return accounts;
    }

    /// <summary>Units a message holds: every chain's symbol count must be a whole number of units of
    /// <paramref name="unit"/> symbols (<paramref name="what"/>: "symbol" or "pixel" in the error text), the total must fit one
    /// decode, and each chain's count must be the contiguous split's.</summary>
    /// <exception cref="McbFormatException">Corrupt counts.</exception>
    public static int Units(McbMessage m, int unit, int chains, string what)
    {
        long total = 0;
        foreach (long c in m.SymbolCounts)
        {
            if (c < 0 || c % unit != 0)
                throw new McbFormatException(McbErrorKind.Corrupt, $"A chain's {what} count {c} is not a multiple of {unit}.");
            total += c;
        }
        if (total > Array.MaxLength)
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message claims {total} {what}s, more than one decode can hold.");
        int units = (int)(total / unit);
        int[] expected = CoderRunner.SplitUnits(units, chains);
        for (int b = 0; b < expected.Length; b++)
            if (expected[b] * (long)unit != m.SymbolCounts[b])
                throw new McbFormatException(McbErrorKind.Corrupt, $"Chain {b} claims {m.SymbolCounts[b]} {what}s; the contiguous split gives {expected[b] * (long)unit}.");
        return units;
    }

    /// <summary>The output's dimensions: <paramref name="units"/> units, each an array of <paramref name="unitShape"/>.</summary>
    private static long[] Dimensions(int units, int[] unitShape)
    {
        var dims = new long[1 + unitShape.Length];
        dims[0] = units;
        for (int i = 0; i < unitShape.Length; i++) dims[1 + i] = unitShape[i];
        return dims;
    }

    /// <summary>Throws <see cref="McbErrorKind.ModelMismatch"/> unless the message's recorded numerical backend is the model's
    /// (both absent for integer-only models).</summary>
    public static void VerifyNumericBackend(McbMessage message, ILatentModel model) => VerifyNumericBackend(message, model.Identity);

    /// <summary>Throws <see cref="McbErrorKind.ModelMismatch"/> unless the message's recorded numerical backend is
    /// <paramref name="identity"/>'s (any model kind: latent-variable models and flows alike).</summary>
    public static void VerifyNumericBackend(McbMessage message, ModelIdentity identity)
    {
        string? mine = identity.NumericBackend;
        message.Extra.TryGetValue(ModelBackendKey, out string? written);
        if (mine is null && written is null) return;
        if (written != mine)
            throw new McbFormatException(McbErrorKind.ModelMismatch,
                $"The message's model ran on '{UntrustedText.Excerpt(written ?? "(not recorded)")}', this decoder runs '{mine ?? "(integer tables)"}': the floats could differ.");
    }

    internal static IReadOnlyDictionary<string, string> WithBackend(IReadOnlyDictionary<string, string>? extra, string? backend)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        if (extra is not null) foreach (var (k, v) in extra) all[k] = v;
        if (backend is not null) all[ModelBackendKey] = backend;
        return all;
    }

    /// <summary>Decoder-mode lanes holding <paramref name="message"/>'s rANS state.</summary>
    /// <exception cref="McbFormatException">A head is below 2^32 or the arrays are inconsistent (Corrupt).</exception>
    public static RansLanes LanesOf(McbMessage message)
    {
        try
        {
            return message.ToLanes();
        }
        catch (Exception e) when (e is MessageCorruptException or ArgumentException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "The message's rANS state is invalid: " + e.Message, e);
        }
    }

    /// <summary>Decodes <paramref name="units"/> units of a message whose model and options the caller has checked, then
    /// verifies every chain's final state and the checksum of the output, <paramref name="units"/> arrays of
    /// <paramref name="unitShape"/> (the shape the message gives them). Null <paramref name="backend"/> runs a fresh cpu one.</summary>
    /// <exception cref="McbFormatException">The rANS state is invalid, a pop ran off a tail, or a final check failed.</exception>
    public static DecodeResult Decode(McbMessage message, ILatentModel model, CoderOptions options, int units, int[] unitShape, IRansBackend? backend,
        CouplingScheme coupling)
    {
        VerifyNumericBackend(message, model);
        RansLanes lanes = LanesOf(message);
        IRansBackend run = backend ?? new CpuBackend();
        long start = Stopwatch.GetTimestamp();
        byte[] data;
        SchedulerReport report;
        try
        {
            (data, report) = CoderRunner.Decode(model, options, run, lanes, units, coupling);
        }
        finally
        {
            if (backend is null) run.Dispose();
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        DecodeVerifier.Verify(lanes, message, Dimensions(units, unitShape), data);
        return new DecodeResult(data, seconds, report.Profiles, report.Trace, report.Table);
    }
}
