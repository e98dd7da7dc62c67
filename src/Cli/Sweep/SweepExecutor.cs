// SweepExecutor: runs a SweepSpec cell by cell on the McBitsCodec facade. It does what Engine.Systems'
// SweepRunner does for one cell (encode, decode, compare) plus what the CLI needs beyond it: coders carry
// their own resampling policy (BB-SIS, -adaptive variants), every run uses the chosen backend, each cell is
// averaged over several initial-bit seeds, each also measures the initial bits of a one-unit message (the
// paper's "initial bits" figure) and the decode time, and progress is reported per cell. Cells the model
// cannot run are found up front with CoderOptions.Validate and listed, never attempted.
using System.Diagnostics;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Systems;

namespace Engine.Cli.Sweep;

/// <summary>Runs sweeps.</summary>
internal static class SweepExecutor
{
    /// <summary>One cell of the grid.</summary>
    internal readonly record struct Cell(CoderChoice Coder, int Particles, int Chains)
    {
        public string Label => string.Create(CultureInfo.InvariantCulture, $"{Coder.Name} N={Particles} B={Chains}");
    }

    /// <summary>The cells that will run, in order, and the ones that cannot (with reasons).</summary>
    public static IReadOnlyList<Cell> Plan(SweepSpec spec, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var cells = new List<Cell>();
        var skips = new List<string>();
        foreach (CoderChoice coder in spec.Coders)
        {
            IEnumerable<int> counts = coder.Kind == CoderKind.BbElbo ? [1] : spec.Particles;
            foreach (int n in counts)
            {
                foreach (int chains in spec.Chains)
                {
                    var cell = new Cell(coder, n, chains);
                    try
                    {
                        coder.ToOptions(n, chains, spec.Seeds[0]).Validate(spec.Model);
                        cells.Add(cell);
                    }
                    catch (Exception e) when (e is ArgumentOutOfRangeException or NotSupportedException)
                    {
                        skips.Add($"{cell.Label}: {FirstLine(e.Message)}");
                    }
                }
            }
        }
        skipped = skips;
        return cells;
    }

    /// <summary>Runs every cell of <paramref name="spec"/>.</summary>
    /// <param name="spec">The grid.</param>
    /// <param name="starting">Called before each cell with (label, index, count).</param>
    /// <param name="finished">Called after each cell with (point, index, count).</param>
    /// <param name="cancel">Checked between runs.</param>
    public static SweepOutcome Run(SweepSpec spec, Action<string, int, int>? starting = null, Action<SweepCell, int, int>? finished = null,
        CancellationToken cancel = default)
    {
        IReadOnlyList<Cell> cells = Plan(spec, out IReadOnlyList<string> skipped);
        long start = Stopwatch.GetTimestamp();
        double entropy = spec.Model.Entropy.Bits;
        double ideal = spec.Data.Length == 0 ? double.NaN : spec.Model.MeanIdealBits(spec.Data);
        int unitLength = spec.Model.SequenceLength;
        double negElbo = spec.Data.Length == 0 ? double.NaN
            : Enumerable.Range(0, spec.Units).Average(u => spec.Model.NegativeElbo(spec.Data.AsSpan(u * unitLength, unitLength)));
        string modelSeed = spec.ModelSeed.ToString(CultureInfo.InvariantCulture), dataSeed = spec.DataSeed.ToString(CultureInfo.InvariantCulture);
        byte[] oneUnit = spec.Data.AsSpan(0, Math.Min(spec.Data.Length, spec.Model.SequenceLength)).ToArray();
        var oneUnitBits = new Dictionary<(CoderChoice, int, ulong), double>();
        var points = new List<SweepCell>(cells.Count);
        var runs = new List<SweepRecord>(cells.Count * spec.Seeds.Count);
        for (int i = 0; i < cells.Count; i++)
        {
            Cell cell = cells[i];
            starting?.Invoke(cell.Label, i, cells.Count);
            var cellRuns = new List<SweepRecord>(spec.Seeds.Count);
            foreach (ulong seed in spec.Seeds)
            {
                cancel.ThrowIfCancellationRequested();
                // The one-unit run goes first: besides the initial-bits figure it warms this configuration's
                // code paths, so the timed run below does not pay the JIT.
                if (!oneUnitBits.TryGetValue((cell.Coder, cell.Particles, seed), out double initialOne))
                {
                    initialOne = oneUnit.Length == 0 ? 0 : RunOne(oneUnit, spec, cell, 1, seed, verify: false).Encoded.InitialBitsPerChain;
                    oneUnitBits[(cell.Coder, cell.Particles, seed)] = initialOne;
                }
                Measured m = RunOne(spec.Data, spec, cell, cell.Chains, seed, spec.Verify);
                EncodeResult row = m.Encoded;
                cellRuns.Add(new SweepRecord(spec.Name, spec.Entry.Name, modelSeed, dataSeed, "all", cell.Coder.Name, cell.Particles, cell.Chains, seed,
                    spec.Entry.UnitName, row.Units, unitLength, row.NetBitsPerUnit, row.TotalBitsPerUnit, row.InitialBitsPerChain, initialOne,
                    row.SecondsPerUnit, m.DecodeSecondsPerUnit, row.FileBytes, m.RoundTrip, entropy, negElbo, ideal));
            }
            runs.AddRange(cellRuns);
            SweepCell point = SweepCell.Aggregate(cellRuns)[0];
            points.Add(point);
            finished?.Invoke(point, i, cells.Count);
        }
        return new SweepOutcome(points, runs, skipped, entropy, ideal, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static Measured RunOne(byte[] data, SweepSpec spec, Cell cell, int chains, ulong seed, bool verify)
    {
        CoderOptions options = cell.Coder.ToOptions(cell.Particles, chains, seed) with { Backend = spec.Backend };
        EncodeResult encoded = McBitsCodec.Encode(data, spec.Model, options);
        bool? roundTrip = null;
        double decodeSeconds = double.NaN;
        if (verify)
        {
            try
            {
                using IDisposable own = DecodeBudget.Use(DecodeBudget.Unlimited); // our own message, just encoded
                DecodeResult decoded = McBitsCodec.DecodeDetailed(encoded.Message, spec.Model, backend: spec.Backend);
                roundTrip = decoded.Data.AsSpan().SequenceEqual(data);
                decodeSeconds = decoded.Seconds;
            }
            catch (McbFormatException)
            {
                // A failed decode is a finding of the sweep, reported per cell, not a reason to stop it.
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
