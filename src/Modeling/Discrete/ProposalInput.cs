// ProposalInput: what the rows of a discrete model's proposal table (for steps t > 0) are indexed by.
namespace Engine.Modeling.Discrete;

/// <summary>What selects the proposal row q(z_t | ·) of a <see cref="DiscreteModel"/> at steps t &gt; 0.</summary>
public enum ProposalInput
{
    /// <summary>q(z_t | x_t): row x_t (SymbolCount rows).</summary>
    Observation,

    /// <summary>q(z_t | z_{t-1}): row z_{t-1} (LatentCount rows), e.g. the bootstrap proposal (the transition).</summary>
    Previous,

    /// <summary>q(z_t | z_{t-1}, x_t): row z_{t-1} · SymbolCount + x_t (LatentCount × SymbolCount rows), e.g. the locally optimal proposal.</summary>
    PreviousAndObservation,
}
