// SweepPoint: one row of sweep.csv — a coder at one N and chain count, its rates averaged over the seeds.
namespace Engine.Cli.Sweep;

/// <summary>Mean rates of one sweep cell.</summary>
/// <param name="Coder">Coder display name (with its resampling variant).</param>
/// <param name="Particles">N.</param>
/// <param name="Chains">B.</param>
/// <param name="NetBitsPerUnit">Net bits per unit (symbol or sequence), mean over seeds.</param>
/// <param name="TotalBitsPerUnit">Total bits per unit, mean over seeds.</param>
/// <param name="InitialBitsOneUnit">Initial bits of a one-unit message (one chain), mean over seeds.</param>
/// <param name="SecondsPerUnit">Encode seconds per unit, median over seeds.</param>
/// <param name="Entropy">Source entropy in bits per unit.</param>
/// <param name="FileBytes">Message file size in bytes, mean over seeds.</param>
/// <param name="Seeds">Seeds averaged.</param>
/// <param name="RoundTrip">True when every seed's message decoded back to the data; null when not verified.</param>
internal sealed record SweepPoint(
    string Coder,
    int Particles,
    int Chains,
    double NetBitsPerUnit,
    double TotalBitsPerUnit,
    double InitialBitsOneUnit,
    double SecondsPerUnit,
    double Entropy,
    double FileBytes,
    int Seeds,
    bool? RoundTrip);
