// SweepRecord: one coding run of a sweep — which grid, model, data side, coder, N, chains and seed, what a unit
// is, and what the run measured — the row every sweep (toy presets, the VAE table, a C# grid) writes to runs.csv
// through SweepCsv, so all of them share one schema. Values a sweep does not measure are NaN (an empty field).
namespace Engine.Systems;

/// <summary>One run of a sweep cell at one seed.</summary>
/// <param name="Preset">The sweep's name (a preset or a spec file).</param>
/// <param name="Model">The model's name (a toy model, a JSON file's name, a checkpoint's file name).</param>
/// <param name="ModelSeed">Seed of the model's tables, empty when the model has none.</param>
/// <param name="DataSeed">Seed of sampled data, empty for data read from files.</param>
/// <param name="Side">Which data: "all", or "in" / "out" of the training classes.</param>
/// <param name="Coder">Coder name with its resampling variant (BB-SMC-adaptive, BB-SIS, ...).</param>
/// <param name="Particles">N.</param>
/// <param name="Chains">B.</param>
/// <param name="Seed">Initial-bit seed.</param>
/// <param name="Unit">What one unit is: symbol, sequence, image.</param>
/// <param name="Units">Units coded.</param>
/// <param name="SymbolsPerUnit">Symbols (pixels) per unit: bits per unit / this = bits per symbol (per dimension).</param>
/// <param name="NetBitsPerUnit">Net bits per unit.</param>
/// <param name="TotalBitsPerUnit">Total bits per unit (net plus every chain's initial bits).</param>
/// <param name="InitialBitsPerChain">Initial bits per chain of this message (mean).</param>
/// <param name="InitialBitsOneUnit">Initial bits of a one-unit, one-chain message (NaN: not measured).</param>
/// <param name="EncodeSecondsPerUnit">Encode wall time per unit.</param>
/// <param name="DecodeSecondsPerUnit">Decode wall time per unit (NaN: not decoded).</param>
/// <param name="FileBytes">Message file size.</param>
/// <param name="RoundTrip">True when the decode gave the data back; null when not decoded.</param>
/// <param name="EntropyBitsPerUnit">The source's entropy per unit (NaN when unknown).</param>
/// <param name="NegElboBitsPerUnit">The model's −ELBO of the data per unit (BB-ELBO's target).</param>
/// <param name="NegLogLikelihoodBitsPerUnit">The model's −log2 p(x) of the data per unit (exact for table models, the
/// −IWAE(50) estimate for the VAE): the limit of the Monte Carlo coders.</param>
/// <param name="CoderBoundBitsPerUnit">The coder's own target −E log2 p̂ per unit (−ELBO for BB-ELBO, −IWAE(N) for BB-IS,
/// the coupled or SMC estimator's for the others), a Monte Carlo estimate on clean bits (EncodeResult.EstimatorBitsPerUnit of
/// a run with every unit alone on its chain); NaN when not measured (the AIS coders, the VAE sweep).</param>
/// <param name="CoderBoundStandardError">Its standard error (0 when exact).</param>
/// <param name="CoderUnitSpread">The standard deviation of the coder's −log2 p̂ from unit to unit (from the bound run), which sets
/// how much one run's net over <paramref name="Units"/> units wanders: about CoderUnitSpread / √Units.</param>
public sealed record SweepRecord(
    string Preset,
    string Model,
    string ModelSeed,
    string DataSeed,
    string Side,
    string Coder,
    int Particles,
    int Chains,
    ulong Seed,
    string Unit,
    int Units,
    int SymbolsPerUnit,
    double NetBitsPerUnit,
    double TotalBitsPerUnit,
    double InitialBitsPerChain,
    double InitialBitsOneUnit,
    double EncodeSecondsPerUnit,
    double DecodeSecondsPerUnit,
    long FileBytes,
    bool? RoundTrip,
    double EntropyBitsPerUnit,
    double NegElboBitsPerUnit,
    double NegLogLikelihoodBitsPerUnit,
    double CoderBoundBitsPerUnit = double.NaN,
    double CoderBoundStandardError = double.NaN,
    double CoderUnitSpread = double.NaN)
{
    /// <summary>Net bits per unit above the coder's own bound (NaN when the bound was not measured).</summary>
    public double ExcessBitsPerUnit => NetBitsPerUnit - CoderBoundBitsPerUnit;
}
