// Which bound a VRNN is trained on; recorded in the checkpoint with the other training options.
namespace Engine.Models.Neural.Vrnn;

/// <summary>The training objective of a <see cref="VrnnNetwork"/> (see <see cref="VrnnObjective"/>).</summary>
public enum VrnnObjectiveKind
{
    /// <summary>The ELBO, averaged over the N particles.</summary>
    Elbo,

    /// <summary>The importance-weighted bound IWAE(N).</summary>
    Iwae,

    /// <summary>The filtering bound FIVO(N): a particle filter resampling after every step.</summary>
    Fivo,
}
