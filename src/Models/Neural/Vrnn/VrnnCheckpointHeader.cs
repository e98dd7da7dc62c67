// What a VRNN checkpoint says about itself: the shape to rebuild the network, the fingerprint every compressed message
// records, how the data were chosen and binarised (so compression prepares new images the same way), how it was trained,
// and the held-out bounds measured at the end.
using Engine.Models.Data;

namespace Engine.Models.Neural.Vrnn;

/// <summary>The JSON header of a VRNN checkpoint file.</summary>
public sealed record VrnnCheckpointHeader
{
    /// <summary>Format tag written by this version.</summary>
    public const string CurrentFormat = "mcbits-vrnn/1";

    /// <summary>Format tag; loading refuses anything but <see cref="CurrentFormat"/>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>Network sizes.</summary>
    public required VrnnShape Shape { get; init; }

    /// <summary><see cref="ModelFingerprint"/> of the parameters (filled in by <see cref="VrnnCheckpoint.Save"/>).</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Classes trained on ("0-4", "5-9", "all").</summary>
    public string Classes { get; init; } = "all";

    /// <summary>Binarisation rule of the training and test images.</summary>
    public BinarizationMode Binarization { get; init; } = BinarizationMode.Threshold;

    /// <summary>Seed of dynamic binarisation for held-out evaluation and compression.</summary>
    public ulong BinarizationSeed { get; init; }

    /// <summary>How the model was trained.</summary>
    public VrnnTrainingOptions? Training { get; init; }

    /// <summary>Wall-clock seconds of training.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>Mean training loss (the negated training bound, nats per sequence) over the last epoch.</summary>
    public double FinalTrainLoss { get; init; }

    /// <summary>Training steps skipped because the loss or the gradient was not finite.</summary>
    public int SkippedSteps { get; init; }

    /// <summary>Held-out bounds on test images of the trained classes, measured after training.</summary>
    public VrnnScore? TestScore { get; init; }

    /// <summary>Bounds on test images of the other classes (out of distribution); null when trained on all.</summary>
    public VrnnScore? OtherClassesScore { get; init; }

    /// <summary>Where and how the numbers were computed (libtorch build, threads, dtype).</summary>
    public string Backend { get; init; } = "";
}
