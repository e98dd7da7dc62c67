// VaeCodec: the public facade that codes binarised images with a trained VAE (DESIGN §1, §7) by BB-ELBO,
// BB-IS(N) or BB-CIS(N). Encode validates the images and options, splits the images into B contiguous runs
// (one rANS lane each), ticks the encode schedule once per image step and packs an McbMessage: coder and
// parameters (N, precisions, image shape), model description and SHA-256 fingerprint, the rANS backend,
// the network backend (libtorch build, dtype, threads) under Extra["model_backend"], per-chain pixel
// counts, seed, heads, tails and the XXH64 of the pixels. Decode checks model and network backend
// (ModelMismatch), rebuilds the options, runs the mirror schedule and verifies that every chain is back at
// its seeded initial state and that the checksum matches; any failure is an McbFormatException.
using System.Diagnostics;
using System.Globalization;
using Engine.Ans;
using Engine.Ans.Messages;
using Engine.Ecs.Scheduling;
using Engine.Gpu;
using Engine.Gpu.Cpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Encode and decode binary images with a VAE and a Monte Carlo bits-back coder.</summary>
public static class VaeCodec
{
    /// <summary>Prefix of every VAE model description in a message.</summary>
    public const string ModelPrefix = "vae ";

    /// <summary>Extra key holding <see cref="VaeModel.Backend"/> of the encoder.</summary>
    public const string ModelBackendKey = "model_backend";

    /// <summary>Bits of the uniform prior over equal-mass latent buckets (2^8 buckets per latent).</summary>
    public const int PriorBits = VaeTables.PriorBits;

    /// <summary>Precision of the discretised Gaussian proposal.</summary>
    public const int ProposalPrecision = VaeTables.ProposalPrecision;

    /// <summary>Precision of the Bernoulli pixel tables.</summary>
    public const int PixelPrecision = VaeTables.PixelPrecision;

    /// <summary>The coders a VAE can run.</summary>
    public static IReadOnlyList<CoderKind> SupportedCoders { get; } = [CoderKind.BbElbo, CoderKind.BbIs, CoderKind.BbCis];

    /// <summary>Encodes every image of <paramref name="images"/>.</summary>
    /// <exception cref="ArgumentException">The images do not have the model's pixel count, or there are none.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="NotSupportedException">The coder is not BB-ELBO, BB-IS or BB-CIS.</exception>
    public static EncodeResult Encode(BinaryImages images, VaeModel model, CoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        if (images.PixelsPerImage != model.Pixels)
            throw new ArgumentException($"Images have {images.PixelsPerImage} pixels; the model codes {model.Pixels}.", nameof(images));
        if (images.Count == 0) throw new ArgumentException("There are no images to code.", nameof(images));
        byte[] data = (byte[])images.Bits.Clone();
        IRansBackend backend = options.Backend ?? new CpuBackend();
        long start = Stopwatch.GetTimestamp();
        int[] counts = CoderRunner.SplitUnits(images.Count, options.Chains);
        var lanes = new RansLanes(options.Chains, options.Seed);
        SchedulerReport report;
        try
        {
            using var context = new VaeContext(model, options, lanes, backend, decoding: false, counts, data);
            using Scheduler<CoderTick> scheduler = VaeSchedule.Build(context);
            for (int s = 0; s < context.MaxUnits; s++) scheduler.Tick(new CoderTick(s));
            report = SchedulerReport.From(scheduler);
        }
        finally
        {
            if (options.Backend is null) backend.Dispose();
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var accounts = new RansAccount[options.Chains];
        for (int b = 0; b < accounts.Length; b++) accounts[b] = lanes.Account(b);
        var message = new McbMessage
        {
            Coder = CoderNames.ToName(options.Kind),
            CoderParameters = VaeMessageFields.Parameters(options, images.Rows, images.Cols, model.Latents),
            Model = Description(model),
            ModelFingerprint = Convert.FromHexString(model.Fingerprint),
            Backend = backend.Name,
            SymbolCounts = counts.Select(c => (long)c * model.Pixels).ToArray(),
            Seed = options.Seed,
            Heads = lanes.SnapshotHeads(),
            Tails = lanes.SnapshotTails(),
            DataChecksum = DataChecksum.Compute(data),
            Extra = new Dictionary<string, string>(StringComparer.Ordinal) { [ModelBackendKey] = VaeModel.Backend },
        };
        return new EncodeResult(message, options, data.Length, images.Count, accounts, seconds, report.Profiles, report.Trace, report.Table);
    }

    /// <summary>Decodes and verifies a message written with <paramref name="model"/>; Data holds the 0/1 pixels.
    /// Any rANS backend decodes any backend's message; null runs a fresh <c>cpu</c> backend.</summary>
    /// <exception cref="McbFormatException">Wrong model or network backend, malformed parameters, corrupt state, or a failed check.</exception>
    public static DecodeResult Decode(McbMessage message, VaeModel model, IRansBackend? backend = null, bool profile = false, bool trace = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(model);
        DecodeBudget.Check(message);
        DecodeVerifier.VerifyModel(message, Description(model), Convert.FromHexString(model.Fingerprint));
        if (!message.Extra.TryGetValue(ModelBackendKey, out string? written) || written != VaeModel.Backend)
            throw new McbFormatException(McbErrorKind.ModelMismatch,
                $"The message's network ran on '{written ?? "(not recorded)"}', this decoder runs '{VaeModel.Backend}': the floats could differ.");
        CoderOptions options = VaeMessageFields.Options(message, model) with { Profile = profile, Trace = trace };
        Validate(options);
        int units = VaeMessageFields.Units(message, model.Pixels, options.Chains);
        RansLanes lanes;
        try
        {
            lanes = message.ToLanes();
        }
        catch (Exception e) when (e is MessageCorruptException or ArgumentException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "The message's rANS state is invalid: " + e.Message, e);
        }
        IRansBackend run = backend ?? new CpuBackend();
        int[] counts = CoderRunner.SplitUnits(units, options.Chains);
        var data = new byte[checked(units * model.Pixels)];
        long start = Stopwatch.GetTimestamp();
        SchedulerReport report;
        try
        {
            using var context = new VaeContext(model, options, lanes, run, decoding: true, counts, data);
            using Scheduler<CoderTick> scheduler = VaeSchedule.Build(context);
            for (int s = context.MaxUnits - 1; s >= 0; s--) scheduler.Tick(new CoderTick(s));
            report = SchedulerReport.From(scheduler);
        }
        catch (MessageCorruptException e)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, "Decoding read past the end of a chain's message: " + e.Message, e);
        }
        finally
        {
            if (backend is null) run.Dispose();
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        DecodeVerifier.Verify(lanes, message, data);
        return new DecodeResult(data, seconds, report.Profiles, report.Trace, report.Table);
    }

    /// <summary>Decodes a message into images of the shape it records (labels 0, indices 0..n-1).</summary>
    /// <exception cref="McbFormatException">As <see cref="Decode"/>.</exception>
    public static BinaryImages DecodeImages(McbMessage message, VaeModel model, IRansBackend? backend = null)
    {
        DecodeResult r = Decode(message, model, backend);
        (int rows, int cols) = ImageShape(message);
        int n = r.Data.Length / (rows * cols);
        return new BinaryImages(rows, cols, r.Data, new byte[n], Enumerable.Range(0, n).ToArray());
    }

    /// <summary>True when the message was written by a VAE coder.</summary>
    public static bool IsVaeMessage(McbMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Model.StartsWith(ModelPrefix, StringComparison.Ordinal);
    }

    /// <summary>The image rows and columns a VAE message records.</summary>
    /// <exception cref="McbFormatException">The fields are missing or malformed.</exception>
    public static (int Rows, int Cols) ImageShape(McbMessage message) => VaeMessageFields.Shape(message);

    /// <summary>The model description written in messages: "vae 784-200-200-50 classes=0-4 binarization=Threshold".</summary>
    public static string Description(VaeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ModelPrefix}{model.Header.Shape} classes={model.Header.Classes} binarization={model.Header.Binarization}");
    }

    /// <summary>Throws unless <paramref name="options"/> can run a VAE coder.</summary>
    /// <exception cref="NotSupportedException">The coder is not BB-ELBO, BB-IS or BB-CIS.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or precision is out of range.</exception>
    public static void Validate(CoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SupportedCoders.Contains(options.Kind))
            throw new NotSupportedException($"{CoderNames.ToName(options.Kind)} does not run on a VAE; use BB-ELBO, BB-IS or BB-CIS.");
        if (options.Particles < 1 || options.Particles > CoderOptions.MaxParticles)
            throw new ArgumentOutOfRangeException(nameof(options), options.Particles, $"Particles must be in [1, {CoderOptions.MaxParticles}].");
        if (options.Kind == CoderKind.BbElbo && options.Particles != 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Particles, "BB-ELBO codes one latent: Particles must be 1.");
        if (options.Chains < 1 || options.Chains > CoderOptions.MaxChains)
            throw new ArgumentOutOfRangeException(nameof(options), options.Chains, $"Chains must be in [1, {CoderOptions.MaxChains}].");
        if (options.WeightPrecision < 1 || options.WeightPrecision > 31 || 1L << options.WeightPrecision < options.Particles)
            throw new ArgumentOutOfRangeException(nameof(options), options.WeightPrecision,
                $"WeightPrecision must be in [log2 N, 31] so each of the {options.Particles} slots gets a frequency >= 1.");
    }
}
