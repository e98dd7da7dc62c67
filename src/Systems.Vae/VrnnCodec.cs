// VrnnCodec: the public facade that codes binary sequences with a trained VRNN (docs/vrnn.md) by BB-ELBO, BB-IS(N),
// BB-SMC(N), BB-CIS(N) or BB-CSMC(N). A thin shell over the generic core, like VaeCodec: the network becomes a
// VrnnLatentModel (per-particle recurrent state, latents on a VaeLatentGrid) and the coding runs through CodecRun's runner,
// schedule and passes. One unit is one sequence (an image read row by row: T = rows steps of X = cols symbols). The message
// records the coder parameters (particles, resampling, weight precision), the latent grid (prior bits, table precision,
// decoder point), the symbol precision, latents per step and the sequence shape, and the network backend (libtorch build,
// dtype, threads, CPU vector extensions) under Extra["model_backend"]; decode checks model, backend and parameters before it
// runs. Draws are whitened (CouplingScheme.WhitenDraws) and the coupled coders shift each dimension by its own permutation.
// VRNN messages exist from format version 5 only.
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Encode and decode binary sequences with a VRNN and a Monte Carlo bits-back coder.</summary>
public static class VrnnCodec
{
    /// <summary>Prefix of every VRNN model description in a message.</summary>
    public const string ModelPrefix = VrnnLatentModel.DescriptionPrefix;

    /// <summary>The first format version that records VRNN messages.</summary>
    public const int FirstVersion = 5;

    /// <summary>The coders a VRNN can run (the annealed coders need one-step models).</summary>
    public static IReadOnlyList<CoderKind> SupportedCoders { get; } = [CoderKind.BbElbo, CoderKind.BbIs, CoderKind.BbSmc, CoderKind.BbCis, CoderKind.BbCsmc];

    /// <summary>The latent grid new messages use: 2^8 buckets, tables at precision 20, centroids.</summary>
    public static VaeLatentGrid DefaultGrid => VaeLatentGrid.Of(8, LatentPoint.Centroid, 20);

    /// <summary>How the coupled coders and the draws of a VRNN message are laid out.</summary>
    internal static CouplingScheme Coupling { get; } = CouplingScheme.Standard with { PerDimensionShifts = true, WhitenDraws = true };

    /// <summary>Encodes every sequence of <paramref name="sequences"/> (each image's rows are its steps) with latents on
    /// <paramref name="grid"/> (<see cref="DefaultGrid"/> when null).</summary>
    /// <exception cref="ArgumentException">The rows do not have the model's symbol count, or there are no sequences.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the format version is below 5.</exception>
    /// <exception cref="NotSupportedException">The coder cannot run on a VRNN, or the chains' latent rows would not fit one table.</exception>
    public static EncodeResult Encode(BinaryImages sequences, VrnnModel model, CoderOptions options, VaeLatentGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        grid ??= DefaultGrid;
        if (sequences.Cols != model.Shape.Symbols)
            throw new ArgumentException($"Sequences have {sequences.Cols} symbols a step; the model codes {model.Shape.Symbols}.", nameof(sequences));
        if (sequences.Count == 0) throw new ArgumentException("There are no sequences to code.", nameof(sequences));
        var latentModel = new VrnnLatentModel(model, sequences.Rows, grid);
        options.Validate(latentModel);
        return CodecRun.Encode(latentModel, (byte[])sequences.Bits.Clone(), options, Parameters(options, grid, sequences.Rows, sequences.Cols, model.Shape.Latents),
            extra: null, Coupling, [sequences.Rows, sequences.Cols]);
    }

    /// <summary>Decodes and verifies a message written with <paramref name="model"/>; Data holds the 0/1 symbols, sequence after sequence.</summary>
    /// <exception cref="McbFormatException">Wrong model or network backend, malformed parameters, corrupt state, or a failed check.</exception>
    public static DecodeResult Decode(McbMessage message, VrnnModel model, IRansBackend? backend = null, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(model);
        DecodeBudget.Check(message);
        DecodeVerifier.VerifyModel(message, VrnnLatentModel.Describe(model), Convert.FromHexString(model.Fingerprint));
        (CoderOptions read, VaeLatentGrid grid, int steps) = Read(message, model);
        var latentModel = new VrnnLatentModel(model, steps, grid);
        CodecRun.VerifyNumericBackend(message, latentModel);
        CoderOptions options = read with { Progress = progress };
        int units = CodecRun.Units(message, latentModel.Shape.SymbolsPerUnit, options.Chains, "symbol");
        CheckLatentWork(units, steps, model.Shape, grid, options.Particles);
        try
        {
            options.Validate(latentModel);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's coder parameters are invalid: {e.Message}", e);
        }
        return CodecRun.Decode(message, latentModel, options, units, [steps, model.Shape.Symbols], backend, Coupling);
    }

    /// <summary>True when the message was written by a VRNN coder.</summary>
    public static bool IsVrnnMessage(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Model.StartsWith(ModelPrefix, StringComparison.Ordinal);
    }

    /// <summary>The steps and symbols per step of a VRNN message's sequences.</summary>
    /// <exception cref="McbFormatException">The fields are missing or malformed (Corrupt).</exception>
    public static (int Steps, int Symbols) SequenceShape(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            int steps = MessageOptions.Int(message, StepsKey), symbols = MessageOptions.Int(message, SymbolsKey);
            if (steps < 1 || symbols < 1) throw new FormatException($"Sequence shape {steps} x {symbols} is empty.");
            return (steps, symbols);
        }
        catch (Exception e) when (e is FormatException or OverflowException or KeyNotFoundException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's sequence shape is invalid: {e.Message}", e);
        }
    }

    /// <summary>Throws unless <paramref name="options"/> can run a VRNN coder.</summary>
    /// <exception cref="NotSupportedException">The coder is an annealed one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The format version is below 5, or BB-ELBO with N != 1.</exception>
    public static void Validate(CoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SupportedCoders.Contains(options.Kind))
            throw new NotSupportedException($"{CoderNames.ToName(options.Kind)} does not run on a VRNN; use BB-ELBO, BB-IS, BB-SMC, BB-CIS or BB-CSMC.");
        if (options.FormatVersion < FirstVersion)
            throw new ArgumentOutOfRangeException(nameof(options), options.FormatVersion, $"VRNN messages exist from format version {FirstVersion}.");
        if (options.Kind == CoderKind.BbElbo && options.Particles != 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Particles, "BB-ELBO codes one latent path: Particles must be 1.");
    }

    /// <summary>Latent-table work per particle-step measured in buckets that cost about one symbol step (as VaeCodec's).</summary>
    public const int BucketsPerStep = VaeCodec.BucketsPerStep;

    // Each particle-step quantises about four latent rows per dimension (proposal twice, prior, the weights' rebuild): work the
    // header's symbols x particles do not show, checked against the same budget before anything is built.
    private static void CheckLatentWork(long units, int steps, VrnnShape shape, VaeLatentGrid grid, int particles)
    {
        decimal particleSteps = (decimal)units * steps * particles;
        decimal work = particleSteps * shape.Symbols + particleSteps * shape.Latents * 4 * grid.Count / BucketsPerStep;
        long bounded = work >= long.MaxValue ? long.MaxValue : (long)work;
        DecodeBudget.Current.EnforceWork(bounded, string.Create(CultureInfo.InvariantCulture,
            $"{units} sequences x {steps} steps x {particles} particles x ({shape.Symbols} symbols + {shape.Latents} latents x 4 x {grid.Count} buckets / {BucketsPerStep})"));
    }

    private const string ResamplingKey = "resampling";
    private const string PriorBitsKey = "prior_bits";
    private const string PrecisionKey = "latent_precision";
    private const string PointKey = "latent_point";
    private const string SymbolPrecisionKey = "symbol_precision";
    private const string LatentsKey = "latents";
    private const string StepsKey = "sequence_length";
    private const string SymbolsKey = "symbols";

    internal static Dictionary<string, string> Parameters(CoderOptions o, VaeLatentGrid grid, int steps, int symbols, int latents) => new(StringComparer.Ordinal)
    {
        [MessageOptions.ParticlesKey] = MessageOptions.Text(o.Particles),
        [MessageOptions.WeightPrecisionKey] = MessageOptions.Text(o.WeightPrecision),
        [ResamplingKey] = o.Resampling.ToString(),
        [PriorBitsKey] = MessageOptions.Text(grid.PriorBits),
        [PrecisionKey] = MessageOptions.Text(grid.ProposalPrecision),
        [PointKey] = grid.PointName,
        [SymbolPrecisionKey] = MessageOptions.Text(VrnnLatentModel.SymbolPrecision),
        [LatentsKey] = MessageOptions.Text(latents),
        [StepsKey] = MessageOptions.Text(steps),
        [SymbolsKey] = MessageOptions.Text(symbols),
    };

    // The options, grid and sequence length of a message, checked against the model (any problem: Corrupt).
    private static (CoderOptions Options, VaeLatentGrid Grid, int Steps) Read(McbMessage m, VrnnModel model)
    {
        VaeLatentGrid grid = DefaultGrid;
        int steps = 0;
        CoderOptions options = MessageOptions.Read(m, options =>
        {
            if (m.FormatVersion < FirstVersion) throw new FormatException($"Format version {m.FormatVersion} has no VRNN messages.");
            options = options with { Resampling = Enum.Parse<ResamplingMode>(MessageOptions.Text(m, ResamplingKey), ignoreCase: false) };
            if (!Enum.IsDefined(options.Resampling)) throw new FormatException($"Resampling '{options.Resampling}' is not a mode this build knows.");
            grid = VaeLatentGrid.Of(MessageOptions.Int(m, PriorBitsKey), VaeLatentGrid.ParsePoint(MessageOptions.Text(m, PointKey)), MessageOptions.Int(m, PrecisionKey));
            MessageOptions.Expect(m, SymbolPrecisionKey, VrnnLatentModel.SymbolPrecision);
            MessageOptions.Expect(m, LatentsKey, model.Shape.Latents);
            MessageOptions.Expect(m, SymbolsKey, model.Shape.Symbols);
            steps = MessageOptions.Int(m, StepsKey);
            if (steps < 1 || steps > Engine.Modeling.ModelShape.MaxSteps)
                throw new FormatException($"Sequence length {steps} is outside 1..{Engine.Modeling.ModelShape.MaxSteps}.");
            Validate(options);
            if ((long)options.Chains * model.Shape.Latents * grid.Count > Engine.Modeling.QuantizedRows.MaxEntries)
                throw new FormatException($"{options.Chains} chains x {model.Shape.Latents} latents x {grid.Count} buckets of latent rows are more than an encoder writes.");
            return options;
        });
        return (options, grid, steps);
    }

}
