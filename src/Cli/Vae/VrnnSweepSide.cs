// One side of the fashion-vrnn sweep for one model: the test images of the model's classes ("in") or the others ("out") as
// sequences, the float model's bounds on them (VrnnEvaluator: −ELBO, −IWAE(N), −FIVO(N) for every N of the cells), and every
// coded cell.
using Engine.Models.Data;
using Engine.Models.Neural.Vrnn;

namespace Engine.Cli.Vae;

/// <summary>Everything measured on one side's sequences with one model.</summary>
/// <param name="Model">The model's label (its checkpoint's file name).</param>
/// <param name="Objective">What the model was trained with ("fivo(4)"), from its header.</param>
/// <param name="Name">"in" or "out".</param>
/// <param name="Classes">The test classes of this side.</param>
/// <param name="Sequences">The binarised test images, rows as steps.</param>
/// <param name="Scores">The float model's bounds by N.</param>
/// <param name="Cells">Coded cells.</param>
internal sealed record VrnnSweepSide(string Model, string Objective, string Name, ClassSet Classes, BinaryImages Sequences,
    SortedDictionary<int, VrnnScore> Scores, List<VrnnSweepCell> Cells);

/// <summary>The result of coding one side's sequences with one coder variant and N.</summary>
/// <param name="Coder">The coder and its resampling policy.</param>
/// <param name="Particles">N.</param>
/// <param name="Chains">Chains B.</param>
/// <param name="NetBitsPerDim">Net bits per pixel.</param>
/// <param name="TotalBitsPerDim">Total bits per pixel (initial bits included).</param>
/// <param name="OwnBoundBitsPerDim">The coder's own bound: its estimate −log2 p̂ per pixel on its quantised tables from a second encode with
/// every sequence alone on its chain (clean seeded bits under every first draw, as SweepRunner measures the toy coders).</param>
/// <param name="OwnBoundStandardError">That estimate's standard error per pixel.</param>
/// <param name="RunEstimateBitsPerDim">The same estimate from the cell's own encode run (its draws and tables).</param>
/// <param name="InitialBitsPerChain">Initial bits per chain.</param>
/// <param name="FileBytes">Size of the message.</param>
/// <param name="EncodeSeconds">Encode wall time.</param>
/// <param name="DecodeSeconds">Decode wall time (NaN when not verified).</param>
/// <param name="RoundTrip">True when decoded and identical; null when not verified.</param>
internal sealed record VrnnSweepCell(Engine.Systems.CoderVariant Coder, int Particles, int Chains, double NetBitsPerDim, double TotalBitsPerDim,
    double OwnBoundBitsPerDim, double OwnBoundStandardError, double RunEstimateBitsPerDim, double InitialBitsPerChain, long FileBytes,
    double EncodeSeconds, double DecodeSeconds, bool? RoundTrip)
{
    /// <summary>"BB-SMC(16)", "BB-ELBO".</summary>
    public string Label => Coder.Kind == Engine.Systems.CoderKind.BbElbo ? Coder.Name : $"{Coder.Name}({Particles})";
}
