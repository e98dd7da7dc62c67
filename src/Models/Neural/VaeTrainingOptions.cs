// Settings of one VAE training run; recorded in the checkpoint so a run can be repeated exactly.
namespace Engine.Models.Neural;

/// <summary>Hyper-parameters and seeds of <see cref="VaeTrainer"/>.</summary>
public sealed record VaeTrainingOptions
{
    /// <summary>Importance samples per image in the IWAE bound (1 = the ELBO).</summary>
    public int K { get; init; } = 5;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per Adam step.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam's ε (1e-4 as in Burda et al.).</summary>
    public double AdamEpsilon { get; init; } = 1e-4;

    /// <summary>Seed of the initial weights, the data order and the ε draws.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>libtorch intra-op threads (results are reproducible for a fixed thread count).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws unless every setting is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(AdamEpsilon);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
    }
}
