// Settings of one VRNN training run; recorded in the checkpoint so a run can be repeated exactly.
namespace Engine.Models.Neural.Vrnn;

/// <summary>Hyper-parameters and seeds of <see cref="VrnnTrainer"/>.</summary>
public sealed record VrnnTrainingOptions
{
    /// <summary>The bound maximised.</summary>
    public VrnnObjectiveKind Objective { get; init; } = VrnnObjectiveKind.Fivo;

    /// <summary>Particles N per sequence in the bound.</summary>
    public int Particles { get; init; } = 4;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Sequences per Adam step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the initial weights, the data order, the ε draws and the resampling.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>libtorch intra-op threads (results are reproducible for a fixed thread count).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Largest gradient norm (clipped beyond): one unlucky batch of a recurrent network can otherwise explode.</summary>
    public double MaxGradNorm { get; init; } = 10;

    /// <summary>Throws unless every setting is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Objective)) throw new ArgumentOutOfRangeException(nameof(Objective), Objective, "Unknown VRNN objective.");
        ArgumentOutOfRangeException.ThrowIfLessThan(Particles, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(Epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxGradNorm);
    }
}
