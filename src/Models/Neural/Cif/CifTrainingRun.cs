// One complete CIF training run, as `mcbits train cif` performs it: load Fashion-MNIST (8-bit), keep the chosen classes,
// train with the dequantised IWAE_K bound, score -ELBO on test images of the trained classes, and write a checkpoint whose
// header records all of it.
using Engine.Models.Data;

namespace Engine.Models.Neural;

/// <summary>Settings of a <see cref="CifTrainingRun"/>.</summary>
public sealed record CifRunSpec
{
    /// <summary>Fashion-MNIST directory; null uses <see cref="FashionMnist.ResolveDirectory"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Classes to train on.</summary>
    public ClassSet Classes { get; init; } = ClassSet.All;

    /// <summary>Network shape (its image size must be the data's).</summary>
    public CifNetworkShape Shape { get; init; } = new(FashionMnist.Side, FashionMnist.Side, Layers: 8, Hidden: 256, IndexDims: 8);

    /// <summary>Optimiser settings and seed.</summary>
    public CifTrainingOptions Training { get; init; } = new();

    /// <summary>Use at most this many training images (null: all of the chosen classes).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Score at most this many test images (null: 2,000).</summary>
    public int? EvalLimit { get; init; }

    /// <summary>Checkpoint file to write.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Replace an existing file at <see cref="OutputPath"/>.</summary>
    public bool Overwrite { get; init; } = true;
}

/// <summary>Runs a <see cref="CifRunSpec"/> end to end and writes the checkpoint.</summary>
public static class CifTrainingRun
{
    /// <summary>Trains, scores and saves; returns the header as written.</summary>
    /// <exception cref="DatasetMissingException">Fashion-MNIST is not installed where looked for.</exception>
    /// <exception cref="ArgumentException">The classes select no training image, or the shape does not fit the images.</exception>
    public static CifCheckpointHeader Run(CifRunSpec spec, Action<VaeTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Training.Validate();
        spec.Shape.Validate();
        FashionMnist data = FashionMnist.Load(spec.DataDirectory);
        ImageSet train = data.Train.WhereClasses(spec.Classes);
        if (spec.TrainLimit is int tl) train = train.Take(tl);
        if (train.Count == 0) throw new ArgumentException($"No training image has a class in {spec.Classes}.", nameof(spec));
        if (train.Rows != spec.Shape.Rows || train.Cols != spec.Shape.Cols)
            throw new ArgumentException($"Images are {train.Rows}x{train.Cols}, the shape {spec.Shape} expects {spec.Shape.Rows}x{spec.Shape.Cols}.", nameof(spec));
        using var network = new CifNetwork(spec.Shape, spec.Training.Seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (losses, _, skipped) = CifTrainer.Train(network, train, spec.Training, progress, cancel);
        double seconds = clock.Elapsed.TotalSeconds;
        ImageSet test = data.Test.WhereClasses(spec.Classes).Take(spec.EvalLimit ?? 2000);
        var header = new CifCheckpointHeader
        {
            Shape = spec.Shape,
            Classes = spec.Classes.ToString(),
            Training = spec.Training,
            TrainSeconds = seconds,
            FinalTrainBitsPerDim = losses.Count == 0 ? null : losses[^1],
            SkippedSteps = skipped,
            TestBitsPerDim = test.Count == 0 ? null : CifTrainer.Evaluate(network, test, k: 1, seed: spec.Training.Seed),
            Backend = VaeModel.Backend,
        };
        return CifCheckpoint.Save(spec.OutputPath, network, header, spec.Overwrite);
    }
}
