// A progress report from VaeTrainer, sent once per optimiser step (never per pixel).
namespace Engine.Models.Neural;

/// <summary>Where training is and how the loss is going.</summary>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Step">Step within the epoch, from 1.</param>
/// <param name="StepsPerEpoch">Steps in one epoch.</param>
/// <param name="EpochMeanLoss">Mean −IWAE_k (nats per image) over the epoch's steps so far.</param>
/// <param name="EpochSeconds">Seconds since the epoch began.</param>
public sealed record VaeTrainingProgress(int Epoch, int Step, int StepsPerEpoch, double EpochMeanLoss, double EpochSeconds);
