// `mcbits sample`: writes a toy data file (one symbol per byte) drawn from a toy model with integer
// sampling, so compress/decompress and profile have data without any download. The file is written
// atomically (at most InputLimits.MaxSymbols symbols, checked before sampling); the line printed gives the data's ideal code length −log2 p(x) (the entropy of the HMM is a
// Monte Carlo estimate too slow for a helper, so it is left to `sweep`).
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Models.Toy;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>sample</c> command.</summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var cmd = new Command("sample", "Write a toy data file (one symbol per byte) sampled from a toy model.");
        var model = new Option<string>("--model", "-m") { Description = $"Model: {string.Join(", ", ModelCatalog.Names)}.", DefaultValueFactory = _ => ModelCatalog.ToyMixture.Name };
        model.AcceptOnlyFromAmong([.. ModelCatalog.Names]);
        var modelSeed = new Option<ulong>("--model-seed") { Description = "Seed of the model's integer tables.", DefaultValueFactory = _ => 1 };
        var symbols = new Option<int>("--symbols", "-n") { Description = "Symbols to draw (a multiple of T = 10 for toy-hmm).", DefaultValueFactory = _ => 2000 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Sampling seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "File to write.", Required = true };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing output file." };
        foreach (Option o in new Option[] { model, modelSeed, symbols, seed, output, force }) cmd.Options.Add(o);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            ModelEntry entry = ModelCatalog.Find(parse.GetValue(model)!);
            ToyModel m = entry.Create(parse.GetValue(modelSeed));
            int n = parse.GetValue(symbols);
            if (n < 0 || n % m.SequenceLength != 0)
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"--symbols {n}: {entry.Name} needs a non-negative multiple of {m.SequenceLength}"), ExitCodes.Usage);
            InputLimits.CheckSymbols(n, "--symbols");
            string path = parse.GetValue(output)!;
            AtomicFile.CheckWritable(path, parse.GetValue(force));
            byte[] data = m.Sample(n / m.SequenceLength, parse.GetValue(seed));
            AtomicFile.WriteAllBytes(path, data, parse.GetValue(force));
            string ideal = n == 0 ? "n/a" : CodingText.Bits(m.MeanIdealBits(data) / m.SequenceLength);
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {n} symbols of {entry.Name} (model seed {m.Seed}, sample seed {parse.GetValue(seed)}); -log2 p(x) {ideal} bits/symbol"));
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
