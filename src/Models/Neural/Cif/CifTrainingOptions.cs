// Settings of one CIF training run; recorded in the checkpoint so a run can be repeated exactly.
namespace Engine.Models.Neural;

/// <summary>Hyper-parameters and seeds of <see cref="CifTrainer"/>.</summary>
public sealed record CifTrainingOptions
{
    /// <summary>Importance samples of the index per image in the bound (1 = the ELBO; more = IWAE_K). A plain flow ignores it.</summary>
    public int K { get; init; } = 1;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per Adam step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 5e-4;

    /// <summary>Seed of the initial weights, the data order, the dequantisation noise and the index draws.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>libtorch intra-op threads (results are reproducible for a fixed thread count).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Largest gradient norm (clipped beyond; flows blow up without it now and then).</summary>
    public double MaxGradNorm { get; init; } = 10;

    /// <summary>Throws unless every setting is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxGradNorm);
    }
}
