// What a VaeTrainer run measured: the mean loss and the wall time of each epoch.
namespace Engine.Models.Neural;

/// <summary>Per-epoch mean training loss (−IWAE_k, nats per image) and wall seconds.</summary>
public sealed record VaeTrainingResult(IReadOnlyList<double> EpochLosses, IReadOnlyList<double> EpochSeconds)
{
    /// <summary>Loss of the last epoch (NaN when no epoch ran).</summary>
    public double FinalLoss => EpochLosses.Count == 0 ? double.NaN : EpochLosses[^1];

    /// <summary>Total wall seconds.</summary>
    public double TotalSeconds => EpochSeconds.Sum();
}
