// One complete training run, as `mcbits train vae` performs it: load Fashion-MNIST, keep the chosen
// classes, binarise (threshold once, or dynamic re-drawn each epoch from (seed, epoch)), train with
// IWAE_k, score −ELBO / −IWAE(EvalK) on the test images of the trained classes and of the others,
// and write a checkpoint whose header records all of it. The test binarisation seed is derived from
// the training seed and recorded, so compression binarises new images the same way.
using Engine.Models.Data;

namespace Engine.Models.Neural;

/// <summary>Runs a <see cref="VaeRunSpec"/> end to end and writes the checkpoint.</summary>
public static class VaeTrainingRun
{
    /// <summary>Trains, scores and saves; returns the header as written.</summary>
    /// <exception cref="DatasetMissingException">Fashion-MNIST is not installed where looked for.</exception>
    /// <exception cref="ArgumentException">The classes select no training image, or the shape does not fit the images.</exception>
    public static VaeCheckpointHeader Run(VaeRunSpec spec, Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Training.Validate();
        var data = new FashionTrainingData(spec.DataDirectory, spec.Classes, spec.TrainLimit, spec.Binarization, spec.Training.Seed);
        if (data.Train.PixelsPerImage != spec.Shape.Pixels)
            throw new ArgumentException($"Images have {data.Train.PixelsPerImage} pixels, the shape {spec.Shape} expects {spec.Shape.Pixels}.", nameof(spec));

        using var vae = new BinaryVae(spec.Shape, spec.Training.Seed);
        VaeTrainingResult result = VaeTrainer.Train(vae, data.Epoch, spec.Training, progress, cancel);
        ulong seed = unchecked((ulong)spec.Training.Seed);
        VaeScore? Score(ClassSet classes) => data.Score(classes, spec.EvalLimit, images => VaeEvaluator.Evaluate(vae, images, spec.EvalK, seed: seed));

        var header = new VaeCheckpointHeader
        {
            Shape = spec.Shape,
            Classes = spec.Classes.ToString(),
            Binarization = spec.Binarization,
            BinarizationSeed = data.TestSeed,
            Training = spec.Training,
            TrainSeconds = result.TotalSeconds,
            FinalTrainLoss = result.FinalLoss,
            TestScore = Score(spec.Classes),
            OtherClassesScore = Score(spec.Classes.Complement),
            Backend = VaeModel.Backend,
        };
        return VaeCheckpoint.Save(spec.OutputPath, vae, header, spec.Overwrite);
    }
}
