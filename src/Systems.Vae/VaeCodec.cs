// VaeCodec: the public facade that codes binarised images with a trained VAE (docs/coders.md, docs/fashion-vae.md) by BB-ELBO,
// BB-IS(N) or BB-CIS(N). A thin shell over the generic core: the network becomes a VaeLatentModel (the
// public model contract) and the coding runs through the same runner, schedule and passes as McBitsCodec
// (CodecRun). What is VAE-specific is the message: the coder parameters (particles, weight precision, the latent
// grid — prior bits, proposal precision and, from format version 5, the decoder's bucket point (VaeLatentGrid) —
// pixel precision, latents, image rows and columns), the network backend
// (libtorch build, dtype, threads) under Extra["model_backend"], the output shape (images x rows x cols,
// covered by the checksum from format version 2; version 1 verifies the pixels only) and the coupling
// scheme (CouplingScheme.ForVae: versions 1 and 2 VaeV1 — even points without the slot spread, scrambled
// uniforms, residuals pushed in ascending latent order; version 3 VaeV3, which also gives each latent
// dimension its own slot permutation, so BB-CIS's particles no longer lie on one diagonal; version 5 VaeV5, which whitens
// every encoder draw instead of scrambling BB-CIS's uniforms). Decode checks model and network
// backend (ModelMismatch) and parameters (Corrupt) before running; any failure is an McbFormatException.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Encode and decode binary images with a VAE and a Monte Carlo bits-back coder.</summary>
public static class VaeCodec
{
    /// <summary>Prefix of every VAE model description in a message.</summary>
    public const string ModelPrefix = VaeLatentModel.DescriptionPrefix;

    /// <summary>Extra key holding <see cref="VaeModel.Backend"/> of the encoder.</summary>
    public const string ModelBackendKey = CodecRun.ModelBackendKey;

    /// <summary>Precision of the Bernoulli pixel tables.</summary>
    public const int PixelPrecision = VaeLatentModel.PixelPrecision;

    /// <summary>The coders a VAE can run.</summary>
    public static IReadOnlyList<CoderKind> SupportedCoders { get; } = [CoderKind.BbElbo, CoderKind.BbIs, CoderKind.BbCis];

    /// <summary>Encodes every image of <paramref name="images"/> with the latents on <paramref name="grid"/> (null: the grid the
    /// options' format version writes, <see cref="VaeLatentGrid.Default"/> for new messages). The message records the grid.</summary>
    /// <exception cref="ArgumentException">The images do not have the model's pixel count, or there are none.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the grid is not one the format version can record.</exception>
    /// <exception cref="NotSupportedException">The coder is not BB-ELBO, BB-IS or BB-CIS, or the chains' proposal rows would not fit one table.</exception>
    public static EncodeResult Encode(BinaryImages images, VaeModel model, CoderOptions options, VaeLatentGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        grid ??= VaeLatentGrid.ForVersion(options.FormatVersion);
        if (!grid.AllowedIn(options.FormatVersion))
            throw new ArgumentOutOfRangeException(nameof(grid), grid.ToString(), $"Format version {options.FormatVersion} records only {VaeLatentGrid.Coarse}.");
        if (images.PixelsPerImage != model.Pixels)
            throw new ArgumentException($"Images have {images.PixelsPerImage} pixels; the model codes {model.Pixels}.", nameof(images));
        if (images.Count == 0) throw new ArgumentException("There are no images to code.", nameof(images));
        var latentModel = new VaeLatentModel(model, grid);
        options.Validate(latentModel);
        return CodecRun.Encode(latentModel, (byte[])images.Bits.Clone(), options,
            VaeMessageFields.Parameters(options, grid, images.Rows, images.Cols, model.Latents), extra: null, CouplingScheme.ForVae(options.FormatVersion), [images.Rows, images.Cols]);
    }

    /// <summary>Decodes and verifies a message written with <paramref name="model"/>; Data holds the 0/1 pixels.
    /// Any rANS backend decodes any backend's message; null runs a fresh <c>cpu</c> backend. <paramref name="progress"/> is told the
    /// fraction decoded (<see cref="CoderOptions.Progress"/>).</summary>
    /// <exception cref="McbFormatException">Wrong model or network backend, malformed parameters, corrupt state, or a failed check.</exception>
    public static DecodeResult Decode(McbMessage message, VaeModel model, IRansBackend? backend = null, bool profile = false, bool trace = false,
        IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(model);
        DecodeBudget.Check(message);
        DecodeVerifier.VerifyModel(message, Description(model), Convert.FromHexString(model.Fingerprint));
        (CoderOptions read, VaeLatentGrid grid) = VaeMessageFields.Options(message, model);
        var latentModel = new VaeLatentModel(model, grid);
        CodecRun.VerifyNumericBackend(message, latentModel);
        CoderOptions options = read with { Profile = profile, Trace = trace, Progress = progress };
        Validate(options);
        int units = VaeMessageFields.Units(message, model.Pixels, options.Chains);
        CheckGridWork(message, model, grid, units, options.Particles);
        try
        {
            options.Validate(latentModel);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new McbFormatException(McbErrorKind.Corrupt, $"The message's coder parameters are invalid: {e.Message}", e);
        }
        (int rows, int cols) = VaeMessageFields.Shape(message);
        return CodecRun.Decode(message, latentModel, options, units, [rows, cols], backend, CouplingScheme.ForVae(message.FormatVersion));
    }

    /// <summary>Buckets of proposal mass that cost about one particle-step of decode work (measured on the 2-core development
    /// machine: a bucket's mass ~0.1 µs, a pixel step of the coder ~4 µs).</summary>
    public const int BucketsPerStep = 40;

    // A fine grid adds work the header's symbols x particles do not show: every image quantises latents x 2^k proposal
    // masses. Checked against the same budget, together with the symbols' work, before anything is built.
    private static void CheckGridWork(McbMessage message, VaeModel model, VaeLatentGrid grid, long images, int particles)
    {
        decimal pixels = (decimal)images * model.Pixels * particles, buckets = (decimal)images * model.Latents * grid.Count / BucketsPerStep;
        decimal work = pixels + buckets;
        long bounded = work >= long.MaxValue ? long.MaxValue : (long)work;
        DecodeBudget.Current.EnforceWork(bounded, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{images} images x ({model.Pixels} pixels x {particles} particles + {model.Latents} latents x {grid.Count} buckets / {BucketsPerStep})"));
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
    public static string Description(VaeModel model) => VaeLatentModel.Describe(model);

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
