// What a CIF checkpoint says about itself: the shape to rebuild the network, the fingerprint every compressed message
// records, the classes it was trained on, how it was trained, and the held-out bounds measured at the end.
namespace Engine.Models.Neural;

/// <summary>The JSON header of a CIF checkpoint file.</summary>
public sealed record CifCheckpointHeader
{
    /// <summary>Format tag written by this version.</summary>
    public const string CurrentFormat = "mcbits-cif/1";

    /// <summary>Format tag; loading refuses anything but <see cref="CurrentFormat"/>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>Network sizes.</summary>
    public required CifNetworkShape Shape { get; init; }

    /// <summary><see cref="ModelFingerprint"/> of the parameters (filled in on save).</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Classes trained on ("0-4", "5-9", "all").</summary>
    public string Classes { get; init; } = "all";

    /// <summary>How the model was trained.</summary>
    public CifTrainingOptions? Training { get; init; }

    /// <summary>Wall-clock seconds of training.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>Mean training loss (−IWAE_K of the dequantised data, bits per dimension) over the last epoch.</summary>
    public double? FinalTrainBitsPerDim { get; init; }

    /// <summary>Training steps skipped because the loss or the gradient was not finite.</summary>
    public int SkippedSteps { get; init; }

    /// <summary>−ELBO (bits per dimension) on held-out images of the trained classes, measured after training; null if not measured.</summary>
    public double? TestBitsPerDim { get; init; }

    /// <summary>Where and how the numbers were computed (libtorch build, threads, dtype).</summary>
    public string Backend { get; init; } = "";
}
