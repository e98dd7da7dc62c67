// SweepSpec: everything one sweep run needs after the command line is read — the model and the sampled
// data, the coders (as named, with their resampling policy), particle counts, chain counts, how many
// initial-bit seeds to average over, the backend, and whether every message is decoded and compared.
using Engine.Cli.Coding;
using Engine.Gpu;
using Engine.Models.Toy;

namespace Engine.Cli.Sweep;

/// <summary>A resolved sweep grid on one data set.</summary>
internal sealed record SweepSpec
{
    /// <summary>Display name of the sweep (the preset).</summary>
    public required string Name { get; init; }

    /// <summary>The model's catalog entry.</summary>
    public required ModelEntry Entry { get; init; }

    /// <summary>The model.</summary>
    public required ToyModel Model { get; init; }

    /// <summary>The symbols to code (a whole number of units).</summary>
    public required byte[] Data { get; init; }

    /// <summary>Seed of the model's tables.</summary>
    public required ulong ModelSeed { get; init; }

    /// <summary>Seed the data was sampled with.</summary>
    public required ulong DataSeed { get; init; }

    /// <summary>Coders, in plot and table order.</summary>
    public required IReadOnlyList<CoderChoice> Coders { get; init; }

    /// <summary>Particle counts N (BB-ELBO runs only N = 1).</summary>
    public required IReadOnlyList<int> Particles { get; init; }

    /// <summary>Chain counts B.</summary>
    public required IReadOnlyList<int> Chains { get; init; }

    /// <summary>Initial-bit seeds; each cell's rates are the mean over them.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>The backend every encode and decode runs on (owned by the caller).</summary>
    public required IRansBackend Backend { get; init; }

    /// <summary>Decode every message and compare it with the data.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Units (symbols or sequences) in <see cref="Data"/>.</summary>
    public int Units => Data.Length / Model.SequenceLength;
}
