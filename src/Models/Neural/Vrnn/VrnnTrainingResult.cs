// What a VrnnTrainer run measured: the mean loss and the wall time of each epoch, and the steps it had to skip.
namespace Engine.Models.Neural.Vrnn;

/// <summary>Per-epoch mean training loss (the negated bound, nats per sequence), wall seconds and skipped steps.</summary>
/// <param name="EpochLosses">Mean loss of each epoch over its finite steps.</param>
/// <param name="EpochSeconds">Wall seconds of each epoch.</param>
/// <param name="SkippedSteps">Steps skipped because the loss or the gradient was not finite.</param>
public sealed record VrnnTrainingResult(IReadOnlyList<double> EpochLosses, IReadOnlyList<double> EpochSeconds, int SkippedSteps)
{
    /// <summary>Loss of the last epoch (NaN when no epoch ran).</summary>
    public double FinalLoss => EpochLosses.Count == 0 ? double.NaN : EpochLosses[^1];

    /// <summary>Total wall seconds.</summary>
    public double TotalSeconds => EpochSeconds.Sum();
}
