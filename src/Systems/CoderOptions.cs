// The knobs of one coding run: coder, particle count N, chain count B, seed of the initial bits,
// SMC resampling policy and the precision of the quantised importance weights. Validate() checks them
// against a model and throws typed exceptions before any work starts.
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems;

/// <summary>Options of one encode (the decoder reads them back from the message).</summary>
public sealed record CoderOptions
{
    /// <summary>Largest particle count accepted.</summary>
    public const int MaxParticles = 4096;

    /// <summary>Largest chain count accepted.</summary>
    public const int MaxChains = 65536;

    /// <summary>Largest chains × particles (entities and gathered arrays grow with it).</summary>
    public const int MaxParticleEntities = 1 << 22;

    /// <summary>Largest thread count accepted.</summary>
    public const int MaxThreads = 256;

    /// <summary>Default precision of quantised weights (the categorical over N slots sums to 2^16).</summary>
    public const int DefaultWeightPrecision = 16;

    /// <summary>Which coder runs.</summary>
    public CoderKind Kind { get; init; } = CoderKind.BbIs;

    /// <summary>Particles N (for AIS: annealing distributions). BB-ELBO needs 1.</summary>
    public int Particles { get; init; } = 1;

    /// <summary>Chains B coded in lock-step, one rANS lane each; the data is split into B contiguous runs.</summary>
    public int Chains { get; init; } = 1;

    /// <summary>Seed of the initial bits (initial heads and underflow words); stored in the message.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Resampling policy of BB-SMC and BB-CSMC (ignored by the other coders).</summary>
    public ResamplingMode Resampling { get; init; } = ResamplingMode.Always;

    /// <summary>Precision p of the quantised weights: the index j and the ancestors are coded at 2^p.</summary>
    public int WeightPrecision { get; init; } = DefaultWeightPrecision;

    /// <summary>The rANS backend the passes flush to; null runs a fresh <c>cpu</c> backend. Every backend writes the
    /// same bytes; the message records which one ran. The caller owns (and disposes) a backend it passes.</summary>
    public IRansBackend? Backend { get; init; }

    /// <summary>Largest number of threads the passes split the chains over: 0 (default) = one per core, 1 = one
    /// thread. A pass is split only with the CPU backend and at least 32 chains per thread (so B >= 64 on two
    /// threads). Never changes the message (lanes are independent); not stored in it.</summary>
    public int Threads { get; init; }

    /// <summary>Time every system run (the result then carries the profiles).</summary>
    public bool Profile { get; init; }

    /// <summary>Told the fraction of the run done (0 to 1), about a thousand times per run at most and once at the end, on the
    /// coding thread; null: no reports. Changes nothing in the message.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Also record a trace event per system run (Chrome trace JSON); implies <see cref="Profile"/>.</summary>
    public bool Trace { get; init; }

    /// <summary>Format version of the message an encode writes (docs/format.md#versions); a decode reads it from the
    /// message. Internal: only the golden tests write an older version, to pin its re-encoding identity.</summary>
    internal int FormatVersion { get; init; } = McbMessage.CurrentVersion;

    /// <summary>Throws when these options cannot run on <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or precision is out of range.</exception>
    /// <exception cref="NotSupportedException">The coder cannot run on this model (AIS on a multi-step or multi-dimensional model).</exception>
    public void Validate(ILatentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Enum.IsDefined(Kind)) throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown coder kind.");
        if (!Enum.IsDefined(Resampling)) throw new ArgumentOutOfRangeException(nameof(Resampling), Resampling, "Unknown resampling mode.");
        if (Particles < 1 || Particles > MaxParticles)
            throw new ArgumentOutOfRangeException(nameof(Particles), Particles, $"Particles must be in [1, {MaxParticles}].");
        if (Kind == CoderKind.BbElbo && Particles != 1)
            throw new ArgumentOutOfRangeException(nameof(Particles), Particles, "BB-ELBO codes one latent: Particles must be 1.");
        if (Chains < 1 || Chains > MaxChains)
            throw new ArgumentOutOfRangeException(nameof(Chains), Chains, $"Chains must be in [1, {MaxChains}].");
        if ((long)Chains * Particles > MaxParticleEntities)
            throw new ArgumentOutOfRangeException(nameof(Chains), Chains, $"Chains × particles must be at most {MaxParticleEntities}.");
        if (!McbMessage.IsSupportedVersion(FormatVersion))
            throw new ArgumentOutOfRangeException(nameof(FormatVersion), FormatVersion, $"Format version must be in [{McbMessage.OldestVersion}, {McbMessage.CurrentVersion}].");
        if (Threads < 0 || Threads > MaxThreads)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"Threads must be in [0, {MaxThreads}] (0 = one per core).");
        if (WeightPrecision < 1 || WeightPrecision > 31 || 1L << WeightPrecision < Particles)
            throw new ArgumentOutOfRangeException(nameof(WeightPrecision), WeightPrecision,
                $"WeightPrecision must be in [log2 N, 31] so each of the {Particles} slots gets a frequency >= 1.");
        ModelShape shape = model.Shape;
        if (IsCoupled(Kind) && 1L << shape.ProposalPrecision < Particles)
            throw new ArgumentOutOfRangeException(nameof(Particles), Particles,
                $"A coupled coder shifts one uniform on 2^{shape.ProposalPrecision} values: at most that many particles.");
        if (IsAnnealed(Kind) && (shape.Steps != 1 || shape.LatentDims != 1))
            throw new NotSupportedException(
                $"{CoderNames.ToName(Kind)} anneals a single latent per unit (one step, one latent dimension); model '{model.Identity.Description}' has {shape.Steps} steps per unit and {shape.LatentDims} latent dimension{(shape.LatentDims == 1 ? "" : "s")}.");
    }

    internal static bool IsCoupled(CoderKind kind) => kind is CoderKind.BbCis or CoderKind.BbCsmc;

    internal static bool IsAnnealed(CoderKind kind) => kind is CoderKind.BbAis or CoderKind.BbAisBitSwap;

    /// <summary>The resampling policy that actually runs: BB-SMC and BB-CSMC use <see cref="Resampling"/> for every N
    /// (so their schedule, and BB-CSMC's initial bits, do not change with N; one particle resamples to itself at no
    /// net cost), the importance samplers never resample.</summary>
    internal ResamplingMode EffectiveResampling =>
        Kind is CoderKind.BbSmc or CoderKind.BbCsmc ? Resampling : ResamplingMode.Never;
}
