// ModelShape: the sizes the coders plan a run with — how many steps a unit has, how many symbols each step
// observes, how many discrete latent dimensions each step has and how large their alphabets are — and the
// proposal precision r (coupled coders place their N particles on one uniform over 2^r values, so they
// support at most 2^r particles), and how many 32-bit words of opaque per-particle state the model carries
// from step to step (a recurrent network's hidden state; 0 for a Markov model). Validated once here so every
// coder can rely on the bounds.
namespace Engine.Modeling;

/// <summary>Sizes of a model's coding unit.</summary>
public sealed record ModelShape
{
    /// <summary>Largest number of steps per unit.</summary>
    public const int MaxSteps = 4096;

    /// <summary>Largest latent alphabet.</summary>
    public const int MaxLatentCount = 1 << 16;

    /// <summary>Largest number of latent dimensions or symbols per step.</summary>
    public const int MaxWidth = 1 << 16;

    /// <summary>Largest per-particle state, in 32-bit words.</summary>
    public const int MaxStateWords = 1 << 12;

    /// <summary>Builds and checks a shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public ModelShape(int steps, int symbolsPerStep, int symbolCount, int latentDims, int latentCount, int proposalPrecision, bool proposalUsesPrevious)
    {
        Steps = In(steps, 1, MaxSteps, nameof(steps));
        SymbolsPerStep = In(symbolsPerStep, 1, MaxWidth, nameof(symbolsPerStep));
        SymbolCount = In(symbolCount, 1, 256, nameof(symbolCount));
        LatentDims = In(latentDims, 1, MaxWidth, nameof(latentDims));
        LatentCount = In(latentCount, 1, MaxLatentCount, nameof(latentCount));
        ProposalPrecision = In(proposalPrecision, 1, 24, nameof(proposalPrecision));
        if (1L << proposalPrecision < latentCount)
            throw new ArgumentOutOfRangeException(nameof(proposalPrecision), proposalPrecision, $"2^r must be at least the {latentCount} latent values.");
        ProposalUsesPrevious = proposalUsesPrevious;
    }

    /// <summary>Steps T of one coding unit (1 for a mixture).</summary>
    public int Steps { get; }

    /// <summary>Symbols x_t,w observed per step (one byte each in the data).</summary>
    public int SymbolsPerStep { get; }

    /// <summary>Size of the observed alphabet (at most 256: one byte per symbol).</summary>
    public int SymbolCount { get; }

    /// <summary>Discrete latent dimensions per step.</summary>
    public int LatentDims { get; }

    /// <summary>Values of each latent dimension.</summary>
    public int LatentCount { get; }

    /// <summary>Precision r of every proposal table.</summary>
    public int ProposalPrecision { get; }

    /// <summary>Whether the proposal at t &gt; 0 reads the previous latent (the coders then fill <see cref="LatentQuery.Previous"/>).</summary>
    public bool ProposalUsesPrevious { get; }

    /// <summary>
    /// Words of opaque per-particle state s_t (0: none). The coders keep s_t of every particle of every step, hand the
    /// parent's s_{t-1} to every query about step t (<see cref="LatentQuery.State"/>) — following the resampled ancestors
    /// exactly as they do for the previous latent — and ask the session for s_t once a step's latents are known
    /// (<see cref="IModelSession.AdvanceState"/>). At t = 0 there is no parent state. Words are the model's to interpret
    /// (a float's bits, a count); they must be computed identically when encoding and decoding.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or above <see cref="MaxStateWords"/>.</exception>
    public int StateWords
    {
        get => _stateWords;
        init => _stateWords = In(value, 0, MaxStateWords, nameof(StateWords));
    }

    private readonly int _stateWords;

    /// <summary>Symbols of one coding unit (Steps × SymbolsPerStep).</summary>
    public int SymbolsPerUnit => Steps * SymbolsPerStep;

    private static int In(int v, int lo, int hi, string name) =>
        v >= lo && v <= hi ? v : throw new ArgumentOutOfRangeException(name, v, $"{name} must be in [{lo}, {hi}].");
}
