// SweepCell: the runs of one sweep cell (same grid, model, side, coder, N and chains) over their seeds, as
// sweep.csv, the plots and the tables show them: means and sample standard deviations (n − 1; NaN for one seed)
// of the rates, the median encode time, and the bounds the runs carried (the model's, and the coder's own with the
// excess of the mean net over it).
namespace Engine.Systems;

/// <summary>One cell of a sweep, its seeds aggregated.</summary>
public sealed record SweepCell(
    string Preset,
    string Model,
    string ModelSeed,
    string DataSeed,
    string Side,
    string Coder,
    int Particles,
    int Chains,
    string Unit,
    int SymbolsPerUnit,
    int Seeds,
    double NetBitsPerUnit,
    double NetBitsStd,
    double TotalBitsPerUnit,
    double TotalBitsStd,
    double InitialBitsOneUnit,
    double SecondsPerUnit,
    double SecondsStd,
    double FileBytes,
    bool? RoundTrip,
    double EntropyBitsPerUnit,
    double NegElboBitsPerUnit,
    double NegLogLikelihoodBitsPerUnit,
    double CoderBoundBitsPerUnit = double.NaN,
    double CoderBoundStandardError = double.NaN,
    double CoderUnitSpread = double.NaN,
    int Units = 0)
{
    /// <summary>Mean net bits per unit above the coder's own bound (NaN when the bound was not measured).</summary>
    public double ExcessBitsPerUnit => NetBitsPerUnit - CoderBoundBitsPerUnit;

    /// <summary>Standard error of <see cref="ExcessBitsPerUnit"/>: the bound's and the mean net's together. The mean net's is the smaller
    /// of its spread over the seeds / √seeds (two seeds or more) and the coder's unit-to-unit spread / √(units × seeds).</summary>
    public double ExcessStandardError
    {
        get
        {
            double bound = double.IsNaN(CoderBoundStandardError) ? 0 : CoderBoundStandardError;
            double fromUnits = Units > 0 && !double.IsNaN(CoderUnitSpread) ? CoderUnitSpread / Math.Sqrt((double)Units * Seeds) : double.NaN;
            double fromSeeds = Seeds > 1 && !double.IsNaN(NetBitsStd) ? NetBitsStd / Math.Sqrt(Seeds) : double.NaN;
            double net = double.IsNaN(fromUnits) ? (double.IsNaN(fromSeeds) ? 0 : fromSeeds) : double.IsNaN(fromSeeds) ? fromUnits : Math.Min(fromUnits, fromSeeds);
            return Math.Sqrt(bound * bound + net * net);
        }
    }

    /// <summary>Whether the excess is at most <paramref name="tolerance"/> + 2 standard errors (null without a bound or a tolerance).</summary>
    public bool? Passes(double tolerance) =>
        double.IsNaN(tolerance) || double.IsNaN(ExcessBitsPerUnit) ? null : ExcessBitsPerUnit <= tolerance + 2 * ExcessStandardError;

    /// <summary>Groups <paramref name="runs"/> into cells, in the order each cell first appears.</summary>
    public static IReadOnlyList<SweepCell> Aggregate(IEnumerable<SweepRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.GroupBy(r => (r.Preset, r.Model, r.ModelSeed, r.DataSeed, r.Side, r.Coder, r.Particles, r.Chains))
            .Select(g => Of(g.ToArray())).ToArray();
    }

    private static SweepCell Of(SweepRecord[] r)
    {
        SweepRecord first = r[0];
        bool? roundTrip = r.Any(x => x.RoundTrip is null) ? null : r.All(x => x.RoundTrip == true);
        return new SweepCell(first.Preset, first.Model, first.ModelSeed, first.DataSeed, first.Side, first.Coder, first.Particles, first.Chains,
            first.Unit, first.SymbolsPerUnit, r.Length,
            r.Average(x => x.NetBitsPerUnit), Std(r.Select(x => x.NetBitsPerUnit)),
            r.Average(x => x.TotalBitsPerUnit), Std(r.Select(x => x.TotalBitsPerUnit)),
            r.Average(x => x.InitialBitsOneUnit), Median(r.Select(x => x.EncodeSecondsPerUnit)), Std(r.Select(x => x.EncodeSecondsPerUnit)),
            r.Average(x => (double)x.FileBytes), roundTrip,
            first.EntropyBitsPerUnit, first.NegElboBitsPerUnit, first.NegLogLikelihoodBitsPerUnit, first.CoderBoundBitsPerUnit, first.CoderBoundStandardError,
            first.CoderUnitSpread, first.Units);
    }

    /// <summary>Sample standard deviation (n − 1); NaN for fewer than two values.</summary>
    public static double Std(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        if (v.Length < 2) return double.NaN;
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
