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
        FashionMnist data = FashionMnist.Load(spec.DataDirectory);
        ImageSet train = data.Train.WhereClasses(spec.Classes);
        if (spec.TrainLimit is int tl) train = train.Take(tl);
        if (train.Count == 0) throw new ArgumentException($"No training image has a class in {spec.Classes}.", nameof(spec));
        if (train.Cols != spec.Shape.Symbols)
            throw new ArgumentException($"Images have rows of {train.Cols} pixels, the shape {spec.Shape} reads {spec.Shape.Symbols} per step.", nameof(spec));

        ulong seed = unchecked((ulong)spec.Training.Seed);
        ulong testSeed = SplitMix64.Derive(seed, -1);
        BinaryImages? fixedTrain = spec.Binarization == BinarizationMode.Threshold ? Binarizer.Threshold(train) : null;
        BinaryImages EpochData(int epoch) => fixedTrain ?? Binarizer.Dynamic(train, SplitMix64.Derive(seed, epoch));

        using var network = new VrnnNetwork(spec.Shape, spec.Training.Seed);
        VrnnTrainingResult result = VrnnTrainer.Train(network, EpochData, spec.Training, progress, cancel);

        VrnnScore? Score(ClassSet classes)
        {
            if (classes.IsEmpty) return null;
            ImageSet test = data.Test.WhereClasses(classes);
            if (spec.EvalLimit is int el) test = test.Take(el);
            if (test.Count == 0) return null;
            return VrnnEvaluator.Evaluate(network, Binarizer.Apply(test, spec.Binarization, testSeed), spec.EvalParticles, seed: seed);
        }

        var header = new VrnnCheckpointHeader
        {
            Shape = spec.Shape,
            Classes = spec.Classes.ToString(),
            Binarization = spec.Binarization,
            BinarizationSeed = testSeed,
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
