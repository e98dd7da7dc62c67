// One cell of the fashion-vae sweep: a coder, its particle count, and what coding one side's images cost.
using Engine.Systems;

namespace Engine.Cli.Vae;

/// <summary>The result of coding one side's images with one coder and N.</summary>
/// <param name="Side">"in" (the model's classes) or "out" (the other classes).</param>
/// <param name="Coder">The coder.</param>
/// <param name="Particles">N.</param>
/// <param name="Chains">Chains B.</param>
/// <param name="Images">Images coded.</param>
/// <param name="NetBitsPerDim">Net bits per pixel.</param>
/// <param name="TotalBitsPerDim">Total bits per pixel (initial bits included).</param>
/// <param name="InitialBitsPerChain">Initial bits per chain.</param>
/// <param name="FileBytes">Size of the .mcb message.</param>
/// <param name="EncodeSeconds">Encode wall time.</param>
/// <param name="DecodeSeconds">Decode wall time (NaN when not verified).</param>
/// <param name="RoundTrip">True when decoded and identical; null when not verified.</param>
internal sealed record VaeSweepCell(string Side, CoderKind Coder, int Particles, int Chains, int Images, double NetBitsPerDim,
    double TotalBitsPerDim, double InitialBitsPerChain, long FileBytes, double EncodeSeconds, double DecodeSeconds, bool? RoundTrip)
{
    /// <summary>"BB-IS(50)", "BB-ELBO".</summary>
    public string Label => Coder == CoderKind.BbElbo ? CoderNames.ToName(Coder) : $"{CoderNames.ToName(Coder)}({Particles})";
}
