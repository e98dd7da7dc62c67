// The Monte Carlo bits-back coders this engine implements (docs/coders.md).
namespace Engine.Systems;

/// <summary>Which bits-back coder to run.</summary>
public enum CoderKind
{
    /// <summary>Plain bits-back with one latent (BB-ANS); N must be 1.</summary>
    BbElbo,

    /// <summary>Importance sampling with N independent particles and a selected index j.</summary>
    BbIs,

    /// <summary>Coupled importance sampling: all N particles from one uniform through shifted inverse CDFs.</summary>
    BbCis,

    /// <summary>Annealed importance sampling with N annealing distributions (one-step models only).</summary>
    BbAis,

    /// <summary>AIS with every pop followed at once by its matching push (initial bits flat in N).</summary>
    BbAisBitSwap,

    /// <summary>Sequential Monte Carlo with multinomial resampling (see <see cref="ResamplingMode"/>).</summary>
    BbSmc,

    /// <summary>Coupled SMC: one uniform per step for the particles and one for systematic resampling (docs/csmc.md).</summary>
    BbCsmc,
}
