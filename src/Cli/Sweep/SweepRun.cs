// SweepRun: one seed of one sweep cell, as measured (a row of runs.csv); SweepPoint averages these.
namespace Engine.Cli.Sweep;

/// <summary>The measurements of one encode (and its one-unit twin) at one seed.</summary>
/// <param name="Coder">Coder display name.</param>
/// <param name="Particles">N.</param>
/// <param name="Chains">B.</param>
/// <param name="Seed">Initial-bit seed.</param>
/// <param name="NetBitsPerUnit">Net bits per unit.</param>
/// <param name="TotalBitsPerUnit">Total bits per unit.</param>
/// <param name="InitialBitsPerChain">Initial bits per chain of the full message.</param>
/// <param name="InitialBitsOneUnit">Initial bits of a one-unit, one-chain message.</param>
/// <param name="SecondsPerUnit">Encode seconds per unit.</param>
/// <param name="DecodeSecondsPerUnit">Decode seconds per unit (NaN when not verified).</param>
/// <param name="FileBytes">Message file size.</param>
/// <param name="RoundTrip">Decode reproduced the data (null: not verified).</param>
internal sealed record SweepRun(
    string Coder,
    int Particles,
    int Chains,
    ulong Seed,
    double NetBitsPerUnit,
    double TotalBitsPerUnit,
    double InitialBitsPerChain,
    double InitialBitsOneUnit,
    double SecondsPerUnit,
    double DecodeSecondsPerUnit,
    long FileBytes,
    bool? RoundTrip);
