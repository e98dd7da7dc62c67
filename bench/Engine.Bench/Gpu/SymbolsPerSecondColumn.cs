// SymbolsPerSecondColumn: symbols (one per chain per round trip) per second from the median time, and
// the speed-up over the cpu backend measured in the same run for the same method, chains and N.
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Engine.Bench.Gpu;

internal sealed class SymbolsPerSecondColumn(bool ratioToCpu) : IColumn
{
    public string Id => ratioToCpu ? "GpuScaling.VsCpu" : "GpuScaling.SymbolsPerSecond";

    public string ColumnName => ratioToCpu ? "x cpu" : "Symbols/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => ratioToCpu ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => ratioToCpu
        ? "Symbols/s divided by the cpu backend's for the same method, chains and N (same run)"
        : "Chains / median time: symbols coded (encoded and decoded) per second";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? rate = Rate(summary, benchmarkCase);
        if (rate is null)
            return "-";
        if (!ratioToCpu)
            return rate.Value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        BenchmarkCase? cpu = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod == benchmarkCase.Descriptor.WorkloadMethod
            && Equals(c.Parameters["Backend"], "cpu")
            && c.Parameters.Items.Where(p => p.Name != "Backend").Select(p => p.Value)
                .SequenceEqual(benchmarkCase.Parameters.Items.Where(p => p.Name != "Backend").Select(p => p.Value)));
        double? baseline = cpu is null ? null : Rate(summary, cpu);
        return baseline is null ? "-" : (rate.Value / baseline.Value).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double? Rate(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (medianNs is null or <= 0)
            return null;
        int chains = (int)benchmarkCase.Parameters["Chains"];
        return chains / (medianNs.Value * 1e-9);
    }
}
