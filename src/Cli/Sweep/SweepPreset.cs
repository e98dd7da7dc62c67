// SweepPreset: the two built-in sweeps that reproduce the paper's toy figures without any data file.
//  toy-mixture: BB-IS, BB-CIS, BB-AIS, BB-AIS-BitSwap; N = 1..128 (powers of two); 2000 sampled symbols.
//  toy-hmm:     BB-ELBO, BB-SMC, BB-SIS, BB-SMC-adaptive, BB-CSMC, BB-CSMC-adaptive; N = 1..256; 2000 sampled
//               sequences (as the paper: with fewer, BB-SMC's initial bits swamp its total at large N).
// Both default to one chain and one seed, with every message decoded and checked. Measured in Release on
// the 2-core dev box: toy-mixture ~7 s CPU (~15 s wall), toy-hmm ~30 s CPU (~2 min wall while the box
// was shared); --symbols, --sequences, --chains, --seeds, --coders and --particles widen or narrow the grid.
using Engine.Cli.Coding;

namespace Engine.Cli.Sweep;

/// <summary>A named default grid for <c>mcbits sweep</c>.</summary>
/// <param name="Name">Preset name (also the model name).</param>
/// <param name="Model">The model it sweeps.</param>
/// <param name="Coders">Default coders, comma-separated command-line names.</param>
/// <param name="Particles">Default particle counts.</param>
/// <param name="Units">Default number of units (symbols or sequences) to sample.</param>
internal sealed record SweepPreset(string Name, ModelEntry Model, string Coders, IReadOnlyList<int> Particles, int Units)
{
    /// <summary>The paper's toy-mixture figure (docs/coders.md): 2000 symbols.</summary>
    public static SweepPreset ToyMixture { get; } = new(
        ModelCatalog.ToyMixture.Name, ModelCatalog.ToyMixture, "bb-is,bb-cis,bb-ais,bb-ais-bitswap", [1, 2, 4, 8, 16, 32, 64, 128], 2000);

    /// <summary>The paper's toy-HMM figure: 2000 sequences of T = 10.</summary>
    public static SweepPreset ToyHmm { get; } = new(
        ModelCatalog.ToyHmm.Name, ModelCatalog.ToyHmm, "bb-elbo,bb-smc,bb-sis,bb-smc-adaptive,bb-csmc,bb-csmc-adaptive", [1, 2, 4, 8, 16, 32, 64, 128, 256], 2000);

    /// <summary>All presets.</summary>
    public static IReadOnlyList<SweepPreset> All { get; } = [ToyMixture, ToyHmm];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">No preset has that name.</exception>
    public static SweepPreset Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"Unknown preset '{name}' (expected one of {string.Join(", ", All.Select(p => p.Name))}).");
}
