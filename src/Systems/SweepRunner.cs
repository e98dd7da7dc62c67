// SweepRunner: runs a SweepGrid cell by cell on the McBitsCodec facade and returns one SweepRecord per run (the
// runs.csv schema) and one SweepCell per cell (seeds averaged). For each data set and cell it encodes once per
// seed — first, when asked, the data set's first unit alone on one chain (the paper's "initial bits" figure; it
// also warms the configuration's code paths so the timed run does not pay the JIT) — then decodes the message
// and compares it. The model's own bounds (IExactBounds: −ELBO and −log2 p(x) of the data, per unit) go beside
// every rate, and so does the coder's own target −E log2 p̂ with its standard error, estimated by one more encode of
// the data set's first units each alone on its chain (clean seeded bits; EncodeResult.EstimatorBitsPerUnit). Cells a model cannot run are found up front with CoderOptions.Validate and listed, never attempted;
// a failed decode is a finding (round_trip FAILED), not a reason to stop.
using System.Diagnostics;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Modeling;

namespace Engine.Systems;

/// <summary>Runs sweep grids.</summary>
public static class SweepRunner
{
    /// <summary>One cell of a grid on one data set.</summary>
    /// <param name="Data">The data set.</param>
    /// <param name="Coder">The coder variant.</param>
    /// <param name="Particles">N.</param>
    /// <param name="Chains">B.</param>
    public readonly record struct Cell(SweepData Data, CoderVariant Coder, int Particles, int Chains)
    {
        /// <summary>"BB-SMC N=16 B=4" (with the model when the grid has several).</summary>
        public string Label => string.Create(CultureInfo.InvariantCulture, $"{Coder.Name} N={Particles} B={Chains}");
    }

    /// <summary>The cells that will run, in order (data set, coder, N, chains), and the ones that cannot, with reasons.</summary>
    public static IReadOnlyList<Cell> Plan(SweepGrid grid, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Seeds.Count == 0) throw new ArgumentException("A sweep needs at least one seed.", nameof(grid));
        var cells = new List<Cell>();
        var skips = new List<string>();
        foreach (SweepData data in grid.Data)
            foreach (CoderVariant coder in grid.Coders)
                foreach (int n in coder.Kind == CoderKind.BbElbo ? [1] : grid.Particles)
                    foreach (int chains in grid.Chains)
                    {
                        var cell = new Cell(data, coder, n, chains);
                        try
                        {
                            coder.ToOptions(n, chains, grid.Seeds[0]).Validate(data.LatentModel);
                            cells.Add(cell);
                        }
                        catch (Exception e) when (e is ArgumentOutOfRangeException or NotSupportedException)
                        {
                            skips.Add($"{(grid.Data.Count > 1 ? data.Model + " " : "")}{cell.Label}: {FirstLine(e.Message)}");
                        }
                    }
        skipped = skips;
        return cells;
    }

    /// <summary>Runs every cell of <paramref name="grid"/>; <paramref name="starting"/> is told (label, index, count) before each
    /// cell and <paramref name="finished"/> (cell, index, count) after it.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> fired (checked between runs).</exception>
    public static SweepResult Run(SweepGrid grid, Action<string, int, int>? starting = null, Action<SweepCell, int, int>? finished = null,
        CancellationToken cancel = default)
    {
        IReadOnlyList<Cell> cells = Plan(grid, out IReadOnlyList<string> skipped);
        long start = Stopwatch.GetTimestamp();
        var bounds = new Dictionary<SweepData, (double NegElbo, double Ideal)>(ReferenceEqualityComparer.Instance);
        var oneUnitBits = new Dictionary<(SweepData, CoderVariant, int, ulong), double>();
        var records = new List<SweepRecord>(cells.Count * grid.Seeds.Count);
        var aggregated = new List<SweepCell>(cells.Count);
        for (int i = 0; i < cells.Count; i++)
        {
            Cell cell = cells[i];
            SweepData data = cell.Data;
            int unit = data.LatentModel.Shape.SymbolsPerUnit;
            if (!bounds.TryGetValue(data, out var modelBound)) bounds[data] = modelBound = Bounds(data);
            starting?.Invoke(cell.Label, i, cells.Count);
            (double bound, double boundError, double spread) = grid.MeasureBounds ? Bound(grid, cell) : (double.NaN, double.NaN, double.NaN);
            if (grid.MeasureBounds && cell.Particles == 1 && !double.IsNaN(modelBound.NegElbo) && !CoderOptions.IsAnnealed(cell.Coder.Kind))
                (bound, boundError) = (modelBound.NegElbo, 0.0); // one particle: log2 p̂ is log2 w of the whole path; the target is the exact -ELBO
            var cellRecords = new List<SweepRecord>(grid.Seeds.Count);
            foreach (ulong seed in grid.Seeds)
            {
                cancel.ThrowIfCancellationRequested();
                double initialOne = double.NaN;
                if (grid.MeasureOneUnit && data.Units.Length >= unit && !oneUnitBits.TryGetValue((data, cell.Coder, cell.Particles, seed), out initialOne))
                {
                    initialOne = RunOne(data.Units[..unit], grid, cell, 1, seed, verify: false).Encoded.InitialBitsPerChain;
                    oneUnitBits[(data, cell.Coder, cell.Particles, seed)] = initialOne;
                }
                Measured m = RunOne(data.Units, grid, cell, cell.Chains, seed, grid.Verify);
                EncodeResult r = m.Encoded;
                cellRecords.Add(new SweepRecord(grid.Name, data.Model, data.ModelSeed, data.DataSeed, data.Side, cell.Coder.Name, cell.Particles, cell.Chains,
                    seed, data.Unit, r.Units, unit, r.NetBitsPerUnit, r.TotalBitsPerUnit, r.InitialBitsPerChain, initialOne, r.SecondsPerUnit,
                    m.DecodeSecondsPerUnit, r.FileBytes, m.RoundTrip, data.EntropyBitsPerUnit, modelBound.NegElbo, modelBound.Ideal, bound, boundError, spread));
            }
            records.AddRange(cellRecords);
            SweepCell aggregate = SweepCell.Aggregate(cellRecords)[0];
            aggregated.Add(aggregate);
            finished?.Invoke(aggregate, i, cells.Count);
        }
        return new SweepResult(records, aggregated, skipped, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    // The coder's own −E log2 p̂ per unit and its standard error: the data set's units cycled over MaxBoundUnits chains (as
    // many as the particle-entity limit allows), each alone on its chain, so every pop reads clean seeded bits and every
    // unit gets the same number of draws.
    private static (double Bits, double StandardError, double UnitSpread) Bound(SweepGrid grid, Cell cell)
    {
        int unit = cell.Data.LatentModel.Shape.SymbolsPerUnit, units = cell.Data.Units.Length / unit;
        int chains = Math.Min(SweepGrid.MaxBoundUnits, CoderOptions.MaxParticleEntities / cell.Particles);
        if (units > 0) chains = Math.Min(chains, units * Math.Max(1, chains / units)); // whole cycles: every unit drawn equally often
        if (chains < 2 || units == 0 || CoderOptions.IsAnnealed(cell.Coder.Kind)) return (double.NaN, double.NaN, double.NaN);
        var data = new byte[chains * unit];
        for (int c = 0; c < chains; c++) cell.Data.Units.AsSpan(c % units * unit, unit).CopyTo(data.AsSpan(c * unit));
        CoderOptions options = cell.Coder.ToOptions(cell.Particles, chains, grid.Seeds[0]) with { Backend = grid.Backend };
        try
        {
            EncodeResult r = McBitsCodec.Encode(data, cell.Data.LatentModel, options);
            return (r.EstimatorBitsPerUnit, r.EstimatorStandardError, r.EstimatorStandardError * Math.Sqrt(chains));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or NotSupportedException)
        {
            return (double.NaN, double.NaN, double.NaN); // that many chains do not fit this model's limits: the bound stays unmeasured
        }
    }

    // −ELBO and −log2 p(x) per unit of the data set, where the model knows them exactly.
    private static (double NegElbo, double Ideal) Bounds(SweepData data)
    {
        int unit = data.LatentModel.Shape.SymbolsPerUnit, units = data.Units.Length / unit;
        if (data.LatentModel is not IExactBounds exact || units == 0) return (double.NaN, double.NaN);
        double elbo = 0, ideal = 0;
        for (int u = 0; u < units; u++)
        {
            ReadOnlySpan<byte> x = data.Units.AsSpan(u * unit, unit);
            elbo += exact.NegativeElbo(x);
            ideal += exact.NegativeLogLikelihood(x);
        }
        return (elbo / units, ideal / units);
    }

    private static Measured RunOne(byte[] data, SweepGrid grid, Cell cell, int chains, ulong seed, bool verify)
    {
        CoderOptions options = cell.Coder.ToOptions(cell.Particles, chains, seed) with { Backend = grid.Backend };
        EncodeResult encoded = McBitsCodec.Encode(data, cell.Data.LatentModel, options);
        bool? roundTrip = null;
        double decodeSeconds = double.NaN;
        if (verify)
        {
            try
            {
                using IDisposable own = DecodeBudget.Use(DecodeBudget.Unlimited); // our own message, just encoded
                DecodeResult decoded = McBitsCodec.DecodeDetailed(encoded.Message, cell.Data.LatentModel, backend: grid.Backend);
                roundTrip = decoded.Data.AsSpan().SequenceEqual(data);
                decodeSeconds = decoded.Seconds;
            }
            catch (McbFormatException)
            {
                roundTrip = false;
            }
        }
        return new Measured(encoded, roundTrip, encoded.Units == 0 ? double.NaN : decodeSeconds / encoded.Units);
    }

    /// <summary>An encode and what its verification found.</summary>
    private readonly record struct Measured(EncodeResult Encoded, bool? RoundTrip, double DecodeSecondsPerUnit);

    private static string FirstLine(string text)
    {
        int cut = text.IndexOfAny(['\r', '\n']);
        string line = cut < 0 ? text : text[..cut];
        int parameter = line.IndexOf(" (Parameter", StringComparison.Ordinal);
        return parameter < 0 ? line : line[..parameter];
    }
}
