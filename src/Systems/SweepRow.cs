// SweepRow: one cell of a sweep: coder, N, chains and what the encode cost.
namespace Engine.Systems;

/// <summary>Measured rates and speed of one coder configuration.</summary>
/// <param name="Coder">The coder.</param>
/// <param name="Resampling">Resampling policy that ran (Never for non-SMC coders).</param>
/// <param name="Particles">N.</param>
/// <param name="Chains">B.</param>
/// <param name="Units">Units coded (symbols, or sequences for the HMM).</param>
/// <param name="NetBitsPerUnit">Net bits per unit.</param>
/// <param name="TotalBitsPerUnit">Total bits per unit (net plus initial, over all chains).</param>
/// <param name="NetBitsPerSymbol">Net bits per observed symbol.</param>
/// <param name="InitialBitsPerChain">Initial bits per chain (mean).</param>
/// <param name="SecondsPerUnit">Encode wall time per unit.</param>
/// <param name="SecondsPerSymbol">Encode wall time per observed symbol.</param>
/// <param name="FileBytes">Size of the message file.</param>
/// <param name="RoundTrip">True when the decode reproduced the data; null when not verified.</param>
public sealed record SweepRow(
    CoderKind Coder,
    ResamplingMode Resampling,
    int Particles,
    int Chains,
    int Units,
    double NetBitsPerUnit,
    double TotalBitsPerUnit,
    double NetBitsPerSymbol,
    double InitialBitsPerChain,
    double SecondsPerUnit,
    double SecondsPerSymbol,
    long FileBytes,
    bool? RoundTrip)
{
    /// <summary>The coder's display name.</summary>
    public string CoderName => CoderNames.ToName(Coder);
}
