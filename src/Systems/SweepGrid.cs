// SweepGrid: what a sweep runs — one or more data sets (each a model, its data and the names a table gives them),
// coder variants, particle counts, chain counts and initial-bit seeds — for SweepRunner, from C# or from the
// command line's presets and spec files alike.
using Engine.Gpu;
using Engine.Modeling;

namespace Engine.Systems;

/// <summary>A grid of data sets × coders × N × chains × seeds.</summary>
public sealed record SweepGrid
{
    /// <summary>The sweep's name (the preset column of its CSVs).</summary>
    public string Name { get; init; } = "sweep";

    /// <summary>The data sets, each coded with every cell.</summary>
    public required IReadOnlyList<SweepData> Data { get; init; }

    /// <summary>Coders with their resampling policies (BB-ELBO runs at N = 1 only).</summary>
    public required IReadOnlyList<CoderVariant> Coders { get; init; }

    /// <summary>Particle counts N.</summary>
    public IReadOnlyList<int> Particles { get; init; } = [1, 16];

    /// <summary>Chain counts B.</summary>
    public IReadOnlyList<int> Chains { get; init; } = [1];

    /// <summary>Initial-bit seeds; each cell runs once per seed and sweep.csv averages them.</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [1];

    /// <summary>Decode every message and compare (the round_trip column).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Also code each data set's first unit alone on one chain, for the initial bits of a one-unit message.</summary>
    public bool MeasureOneUnit { get; init; } = true;

    /// <summary>Also estimate each cell's own bound −E log2 p̂ on clean bits: one more encode of (up to <see cref="MaxBoundUnits"/> of)
    /// the data set's units, each alone on its chain (<see cref="EncodeResult.EstimatorBitsPerUnit"/>).</summary>
    public bool MeasureBounds { get; init; } = true;

    /// <summary>How far above its own bound a cell's net may lie, in bits per unit (NaN: no verdict). A cell passes when its excess is
    /// at most this plus two standard errors (of the bound and of the net, <see cref="SweepCell.Passes"/>).</summary>
    public double Tolerance { get; init; } = double.NaN;

    /// <summary>Most units the bound run codes (its chain count): the first ones of the data set.</summary>
    public const int MaxBoundUnits = 4096;

    /// <summary>The rANS backend every run uses (null: a fresh cpu backend per run).</summary>
    public IRansBackend? Backend { get; init; }
}

/// <summary>One data set of a sweep: a model, whole units of data for it, and how tables name them.</summary>
/// <param name="Model">The model's name in the tables.</param>
/// <param name="LatentModel">The model.</param>
/// <param name="Units">The data: whole units of the model's <see cref="ModelShape.SymbolsPerUnit"/> symbols.</param>
/// <param name="Unit">What a unit is ("symbol", "sequence").</param>
/// <param name="ModelSeed">Seed of the model's tables ("" when none).</param>
/// <param name="DataSeed">Seed the data was sampled with ("" for data from a file).</param>
/// <param name="Side">Which data ("all", or "in" / "out").</param>
/// <param name="EntropyBitsPerUnit">The source's entropy per unit, where known (else NaN).</param>
public sealed record SweepData(string Model, ILatentModel LatentModel, byte[] Units, string Unit = "unit", string ModelSeed = "", string DataSeed = "",
    string Side = "all", double EntropyBitsPerUnit = double.NaN);
