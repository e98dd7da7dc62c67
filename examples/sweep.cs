// A sweep as a script: `dotnet run examples/sweep.cs` (a .NET 10 file-based program). It builds the grid in C# —
// the toy HMM and a user's model from the examples' JSON file, four coders, three particle counts, three seeds —
// runs it with SweepRunner and writes the same runs.csv and sweep.csv that `mcbits sweep` writes.
#:project ../src/Systems/Engine.Systems.csproj
using Engine.Modeling.Discrete;
using Engine.Models.Toy;
using Engine.Systems;

var hmm = new ToyHmm(seed: 1);
DiscreteModel weather = DiscreteModelFile.Read(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? ".", "models", "weather-hmm.json"));
var grid = new SweepGrid
{
    Name = "script",
    Data =
    [
        new SweepData("toy-hmm", hmm, hmm.Sample(units: 200, seed: 1), "sequence", "1", "1", EntropyBitsPerUnit: hmm.Entropy.Bits),
        new SweepData("weather-hmm", weather, weather.Sample(units: 200, seed: 1), "sequence", DataSeed: "1"),
    ],
    Coders = CoderVariant.ParseList("bb-elbo,bb-is,bb-smc,bb-csmc-adaptive"),
    Particles = [1, 4, 16],
    Seeds = [1, 2, 3],
};
SweepResult result = SweepRunner.Run(grid, finished: (c, i, n) =>
    Console.WriteLine($"[{i + 1}/{n}] {c.Model} {c.Coder} N={c.Particles}: net {c.NetBitsPerUnit:F3} ± {c.NetBitsStd:F3} bits/{c.Unit}, -log2 p(x) {c.NegLogLikelihoodBitsPerUnit:F3}"));
File.WriteAllText("runs.csv", SweepCsv.FormatRuns(result.Records));
File.WriteAllText("sweep.csv", SweepCsv.FormatCells(result.Cells));
Console.WriteLine($"{result.Cells.Count} cells, every round trip {(result.AllRoundTrips ? "ok" : "NOT ok")}; wrote runs.csv and sweep.csv");
return result.AllRoundTrips ? 0 : 4;
