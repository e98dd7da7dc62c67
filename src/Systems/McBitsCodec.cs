// McBitsCodec: the public facade the CLI and embedders use, for any model that implements the public
// contract (ILatentModel: the toy models, a user's DiscreteModel or their own class). Encode validates the
// input and options and hands the run and the packing to CodecRun (shared with VaeCodec) with this facade's
// coder parameters (particles, resampling, weight precision, sequence length, AIS kernel precision) and the
// standard coupling scheme. Decode checks the model, rebuilds the options from the message and lets CodecRun
// run the mirror schedule and verify that every chain returned to its seeded initial state and that the
// checksum matches (format version 2: of the data as U units x T steps x W symbols); any failure is an
// McbFormatException whose Kind says what failed.
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;
using Engine.Models.Toy;
using Engine.Systems.Coding;

namespace Engine.Systems;

/// <summary>Encode and decode data with any model and any McBits coder that applies to it.</summary>
public static class McBitsCodec
{
    private const string ParticlesKey = MessageOptions.ParticlesKey;
    private const string ResamplingKey = "resampling";
    private const string WeightPrecisionKey = MessageOptions.WeightPrecisionKey;
    private const string KernelPrecisionKey = "kernel_precision";
    private const string SequenceLengthKey = "sequence_length";

    /// <summary>Encodes <paramref name="symbols"/> (whole units of <see cref="ModelShape.SymbolsPerUnit"/> symbols, each below the
    /// model's alphabet size).</summary>
    /// <exception cref="ArgumentException">The data length is not a multiple of the model's unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A symbol is outside the alphabet, or an option is out of range.</exception>
    /// <exception cref="NotSupportedException">The coder cannot run on this model.</exception>
    public static EncodeResult Encode(ReadOnlySpan<byte> symbols, ILatentModel model, CoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model);
        ModelShape shape = model.Shape;
        int t = shape.SymbolsPerUnit;
        if (symbols.Length % t != 0)
            throw new ArgumentException($"The model codes units of {t} symbols; {symbols.Length} symbols is not a multiple.", nameof(symbols));
        for (int i = 0; i < symbols.Length; i++)
            if (symbols[i] >= shape.SymbolCount)
                throw new ArgumentOutOfRangeException(nameof(symbols), $"Symbol {symbols[i]} at {i} is outside the model's alphabet of {shape.SymbolCount}.");
        return CodecRun.Encode(model, symbols.ToArray(), options, Parameters(options, shape.Steps), extra: null, CouplingScheme.Standard, UnitShape(model));
    }

    /// <summary>Decodes a message written with <paramref name="model"/> and verifies it.</summary>
    /// <exception cref="McbFormatException">Wrong model, malformed parameters, corrupt state, or a failed integrity check.</exception>
    public static byte[] Decode(McbMessage message, ILatentModel model, IRansBackend? backend = null) =>
        DecodeDetailed(message, model, backend: backend).Data;

    /// <summary>Decodes a message with the toy model its description names.</summary>
    /// <exception cref="McbFormatException">The model description is not a toy model, or any decode check failed.</exception>
    public static byte[] Decode(McbMessage message, IRansBackend? backend = null) => Decode(message, ModelOf(message), backend);

    /// <summary>The toy model a message names (rebuilt from its description).</summary>
    /// <exception cref="McbFormatException">The description does not name a toy model.</exception>
    public static ToyModel ModelOf(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return ToyModel.FromDescription(message.Model);
        }
        catch (FormatException e)
        {
            throw new McbFormatException(McbErrorKind.ModelMismatch, $"The message's model '{message.Model}' is not a toy model: {e.Message}", e);
        }
    }

    /// <summary>Decodes and verifies, optionally profiling every system. Any backend decodes any backend's message
    /// (they write identical bytes); null runs a fresh <c>cpu</c> backend. <paramref name="threads"/> is
    /// <see cref="CoderOptions.Threads"/> for the decoder (0 = one per core; the output never depends on it); <paramref name="progress"/>
    /// is told the fraction decoded (<see cref="CoderOptions.Progress"/>).</summary>
    /// <exception cref="McbFormatException">Wrong model, malformed parameters, corrupt state, or a failed integrity check.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is outside [0, <see cref="CoderOptions.MaxThreads"/>].</exception>
    public static DecodeResult DecodeDetailed(McbMessage message, ILatentModel model, bool profile = false, bool trace = false, IRansBackend? backend = null,
        int threads = 0, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(model);
        if (threads < 0 || threads > CoderOptions.MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"threads must be in [0, {CoderOptions.MaxThreads}].");
        (CoderOptions options, int units) = CheckMessage(message, model);
        options = options with { Profile = profile, Trace = trace, Threads = threads, Progress = progress };
        return CodecRun.Decode(message, model, options, units, UnitShape(model), backend, CouplingScheme.Standard);
    }

    /// <summary>The checks every decode of <paramref name="message"/> with <paramref name="model"/> makes before it runs (the decode
    /// budget, model identity and numerical backend, coder parameters, per-chain counts): its options and unit count.</summary>
    /// <exception cref="McbFormatException">A check failed.</exception>
    internal static (CoderOptions Options, int Units) CheckMessage(McbMessage message, ILatentModel model)
    {
        DecodeBudget.Check(message);
        DecodeVerifier.VerifyModel(message, model.Identity.Description, FingerprintBytes(model));
        CodecRun.VerifyNumericBackend(message, model);
        CoderOptions options = OptionsOf(message, model);
        return (options, CodecRun.Units(message, model.Shape.SymbolsPerUnit, options.Chains, "symbol"));
    }

    /// <summary>One unit of output: T steps of W symbols (the model's shape; T is also the message's sequence_length).</summary>
    internal static int[] UnitShape(ILatentModel model) => [model.Shape.Steps, model.Shape.SymbolsPerStep];

    /// <summary>The model's fingerprint as stored in messages (a copy of <see cref="ModelIdentity.Fingerprint"/>).</summary>
    public static byte[] FingerprintBytes(ILatentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (byte[])model.Identity.Fingerprint.Clone();
    }

    internal static Dictionary<string, string> Parameters(CoderOptions o, int sequenceLength)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ParticlesKey] = o.Particles.ToString(CultureInfo.InvariantCulture),
            [ResamplingKey] = o.Resampling.ToString(),
            [WeightPrecisionKey] = o.WeightPrecision.ToString(CultureInfo.InvariantCulture),
            [SequenceLengthKey] = sequenceLength.ToString(CultureInfo.InvariantCulture),
        };
        if (CoderOptions.IsAnnealed(o.Kind)) p[KernelPrecisionKey] = CoderContext.KernelPrecision.ToString(CultureInfo.InvariantCulture);
        return p;
    }

    /// <summary>The coder options <paramref name="m"/> was written with (coder, N, chains, seed, resampling, …), as decoding uses them.</summary>
    /// <exception cref="McbFormatException">A coder parameter is missing or malformed.</exception>
    public static CoderOptions OptionsOf(McbMessage m, ILatentModel model) => MessageOptions.Read(m, options =>
    {
        options = options with { Resampling = Enum.Parse<ResamplingMode>(MessageOptions.Text(m, ResamplingKey)) };
        if (MessageOptions.Int(m, SequenceLengthKey) != model.Shape.Steps)
            throw new FormatException("The sequence length differs from the model's.");
        if (m.CoderParameters.TryGetValue(KernelPrecisionKey, out string? kp) &&
            int.Parse(kp, NumberStyles.None, CultureInfo.InvariantCulture) != CoderContext.KernelPrecision)
            throw new FormatException($"Kernel precision {kp} is not this build's {CoderContext.KernelPrecision}.");
        options.Validate(model);
        return options;
    });
}
