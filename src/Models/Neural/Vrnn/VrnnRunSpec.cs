// Everything one `mcbits train vrnn` run needs: where the data are, which classes, how to binarise, the network shape, the
// training options (objective and particles among them), how to score at the end, and where to write.
using Engine.Models.Data;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Settings of a <see cref="VrnnTrainingRun"/>.</summary>
public sealed record VrnnRunSpec
{
    /// <summary>Fashion-MNIST directory; null uses <see cref="FashionMnist.ResolveDirectory"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Classes to train on; the test images of the other classes are scored as out-of-distribution.</summary>
    public ClassSet Classes { get; init; } = ClassSet.Lower;

    /// <summary>Binarisation of training (re-drawn every epoch when dynamic) and test images.</summary>
    public BinarizationMode Binarization { get; init; } = BinarizationMode.Threshold;

    /// <summary>Network shape (its symbol count must be the images' width: one row per step).</summary>
    public VrnnShape Shape { get; init; } = VrnnShape.Default;

    /// <summary>Objective, particles, optimiser settings and seed.</summary>
    public VrnnTrainingOptions Training { get; init; } = new();

    /// <summary>Particles N of the final held-out scores.</summary>
    public int EvalParticles { get; init; } = 16;

    /// <summary>Use at most this many training images (null: all of the chosen classes).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Score at most this many test images per side (null: all).</summary>
    public int? EvalLimit { get; init; }

    /// <summary>Checkpoint file to write.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Replace an existing file at <see cref="OutputPath"/> (false: the run fails with an IOException instead).</summary>
    public bool Overwrite { get; init; } = true;
}
