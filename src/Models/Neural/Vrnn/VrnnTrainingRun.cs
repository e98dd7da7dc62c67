// One complete VRNN training run, as `mcbits train vrnn` performs it: load Fashion-MNIST, keep the chosen classes, binarise
// as VaeTrainingRun does (threshold once, or dynamic re-drawn each epoch from (seed, epoch)), train on the rows of each image
// as a sequence, score −ELBO / −IWAE(N) / −FIVO(N) on the test images of the trained classes and of the others, and write a
// checkpoint whose header records all of it. The test binarisation seed is derived from the training seed and recorded.
using Engine.Models.Data;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Runs a <see cref="VrnnRunSpec"/> end to end and writes the checkpoint.</summary>
public static class VrnnTrainingRun
{
    /// <summary>Trains, scores and saves; returns the header as written.</summary>
    /// <exception cref="DatasetMissingException">Fashion-MNIST is not installed where looked for.</exception>
    /// <exception cref="ArgumentException">The classes select no training image, or the shape does not fit the images.</exception>
    public static VrnnCheckpointHeader Run(VrnnRunSpec spec, Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Training.Validate();
        spec.Shape.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.EvalParticles, 1);
        var data = new FashionTrainingData(spec.DataDirectory, spec.Classes, spec.TrainLimit, spec.Binarization, spec.Training.Seed);
        if (data.Train.Cols != spec.Shape.Symbols)
            throw new ArgumentException($"Images have rows of {data.Train.Cols} pixels, the shape {spec.Shape} reads {spec.Shape.Symbols} per step.", nameof(spec));

        using var network = new VrnnNetwork(spec.Shape, spec.Training.Seed);
        VrnnTrainingResult result = VrnnTrainer.Train(network, data.Epoch, spec.Training, progress, cancel);
        ulong seed = unchecked((ulong)spec.Training.Seed);
        VrnnScore? Score(ClassSet classes) => data.Score(classes, spec.EvalLimit, images => VrnnEvaluator.Evaluate(network, images, spec.EvalParticles, seed: seed));

        var header = new VrnnCheckpointHeader
        {
            Shape = spec.Shape,
            Classes = spec.Classes.ToString(),
            Binarization = spec.Binarization,
            BinarizationSeed = data.TestSeed,
            Training = spec.Training,
            TrainSeconds = result.TotalSeconds,
            FinalTrainLoss = result.FinalLoss,
            SkippedSteps = result.SkippedSteps,
            TestScore = Score(spec.Classes),
            OtherClassesScore = Score(spec.Classes.Complement),
            Backend = VaeModel.Backend,
        };
        return VrnnCheckpoint.Save(spec.OutputPath, network, header, spec.Overwrite);
    }
}
