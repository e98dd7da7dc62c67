// Everything one `mcbits train vae` run needs: where the data are, which classes, how to binarise,
// the network shape, the training options, how to score at the end, and where to write.
using Engine.Models.Data;

namespace Engine.Models.Neural;

/// <summary>Settings of a <see cref="VaeTrainingRun"/>.</summary>
public sealed record VaeRunSpec
{
    /// <summary>Fashion-MNIST directory; null uses <see cref="FashionMnist.ResolveDirectory"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Classes to train on; the test images of the other classes are scored as out-of-distribution.</summary>
    public ClassSet Classes { get; init; } = ClassSet.Lower;

    /// <summary>Binarisation of training (re-drawn every epoch when dynamic) and test images.</summary>
    public BinarizationMode Binarization { get; init; } = BinarizationMode.Threshold;

    /// <summary>Network shape (its pixel count must match the images).</summary>
    public VaeShape Shape { get; init; } = VaeShape.Default;

    /// <summary>Optimiser settings and seed.</summary>
    public VaeTrainingOptions Training { get; init; } = new();

    /// <summary>Importance samples for the final −IWAE score.</summary>
    public int EvalK { get; init; } = 50;

    /// <summary>Use at most this many training images (null: all of the chosen classes).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Score at most this many test images per side (null: all).</summary>
    public int? EvalLimit { get; init; }

    /// <summary>Checkpoint file to write.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Replace an existing file at <see cref="OutputPath"/> (false: the run fails with an IOException instead).</summary>
    public bool Overwrite { get; init; } = true;
}
