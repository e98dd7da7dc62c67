// `mcbits sweep`: coders × N × chains on sampled toy data (no data file needed). Writes <out>/sweep.csv
// (means over seeds), <out>/runs.csv (every seed) and the PNG figures (net.png, total.png, initial.png,
// seconds.png), prints a Spectre table, shows Spectre progress while it runs (one line per cell when
// output is not a terminal) and decodes every message to check the round trip unless --no-verify.
// Every encode and decode runs on the --backend chosen. Exit code 4 when any round trip failed.
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Cli.Sweep;
using Engine.Gpu;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>sweep</c> command.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var cmd = new Command("sweep", "Sweep coders x particle counts x chains on sampled toy data; write CSV and PNG figures.");
        var preset = new Option<string>("--preset", "-p")
        {
            Description = $"Grid and model: {string.Join(", ", SweepPreset.All.Select(p => p.Name))}, {Vae.VaeSweepCommand.PresetName} (VAE table).",
            DefaultValueFactory = _ => SweepPreset.ToyMixture.Name,
        };
        preset.AcceptOnlyFromAmong([.. SweepPreset.All.Select(p => p.Name), Vae.VaeSweepCommand.PresetName]);
        var coders = new Option<string?>("--coders") { Description = "Comma-separated coders (default: the preset's)." };
        var particles = new Option<string?>("--particles", "-N") { Description = "Comma-separated particle counts (default: the preset's powers of two)." };
        var chains = new Option<string>("--chains", "-B") { Description = "Comma-separated chain counts.", DefaultValueFactory = _ => "1" };
        var symbols = new Option<int?>("--symbols", "-n") { Description = "Symbols to sample (toy-mixture default 2000; toy-hmm: a multiple of 10)." };
        var sequences = new Option<int?>("--sequences") { Description = "Sequences of T = 10 to sample (toy-hmm; default 2000)." };
        var seeds = new Option<int>("--seeds") { Description = "Initial-bit seeds to average each cell over.", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "First initial-bit seed (seeds are seed, seed+1, ...).", DefaultValueFactory = _ => 1 };
        var dataSeed = new Option<ulong>("--data-seed") { Description = "Seed of the sampled data.", DefaultValueFactory = _ => 1 };
        var modelSeed = new Option<ulong>("--model-seed") { Description = "Seed of the toy model's tables.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out", "-o") { Description = "Output directory (default: artifacts/sweep-<preset>)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip decoding each message (faster; the round trip is then unchecked)." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Write the CSVs only." };
        Option<string> backendOption = BackendOption.Create();
        foreach (Option o in new Option[] { preset, coders, particles, chains, symbols, sequences, seeds, seed, dataSeed, modelSeed, output, noVerify, noPlots, backendOption })
            cmd.Options.Add(o);
        Vae.VaeSweepCommand.AddOptions(cmd);
        cmd.SetAction((parse, cancel) => Task.FromResult(CommandGuard.Run(parse, console =>
        {
            if (parse.GetValue(preset) == Vae.VaeSweepCommand.PresetName) return Vae.VaeSweepCommand.Run(parse, console, cancel);
            SweepPreset p = SweepPreset.Find(parse.GetValue(preset)!);
            var model = p.Model.Create(parse.GetValue(modelSeed));
            int units = Units(p, model.SequenceLength, parse.GetValue(symbols), parse.GetValue(sequences));
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1) throw new CliException("--seeds must be at least 1", ExitCodes.Usage);
            ulong firstSeed = parse.GetValue(seed);
            using IRansBackend backend = BackendOption.CreateBackend(parse, backendOption);
            var spec = new SweepSpec
            {
                Name = p.Name,
                Entry = p.Model,
                Model = model,
                Data = model.Sample(units, parse.GetValue(dataSeed)),
                Coders = ParseCoders(parse.GetValue(coders) ?? p.Coders),
                Particles = parse.GetValue(particles) is { } list ? ParseCounts(list, "--particles") : p.Particles,
                Chains = ParseCounts(parse.GetValue(chains)!, "--chains"),
                Seeds = Enumerable.Range(0, seedCount).Select(i => firstSeed + (ulong)i).ToArray(),
                Backend = backend,
                Verify = !parse.GetValue(noVerify),
            };
            string directory = parse.GetValue(output) ?? Path.Combine("artifacts", "sweep-" + p.Name);
            return Run(console, spec, directory, !parse.GetValue(noPlots), cancel);
        })));
        return cmd;
    }

    private static int Run(CliConsole console, SweepSpec spec, string directory, bool plots, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        IReadOnlyList<SweepExecutor.Cell> cells = SweepExecutor.Plan(spec, out IReadOnlyList<string> skipped);
        if (cells.Count == 0) throw new CliException("no cell of the sweep can run: " + string.Join("; ", skipped), ExitCodes.Usage);
        Directory.CreateDirectory(directory);
        string unit = spec.Entry.UnitName;
        console.Line(string.Create(inv,
            $"sweep {spec.Name}: {spec.Units} {unit}s, {cells.Count} cells x {spec.Seeds.Count} seed(s), backend {spec.Backend.Name}, verify {(spec.Verify ? "on" : "off")} -> {directory}"));
        foreach (string s in skipped) console.Line("skipped " + s);

        SweepOutcome outcome = console.Interactive
            ? RunWithProgress(console, spec, cancel)
            : SweepExecutor.Run(spec, finished: (pt, i, n) => console.Line(string.Create(inv,
                $"[{i + 1}/{n}] {pt.Coder} N={pt.Particles} B={pt.Chains}: net {CodingText.Bits(pt.NetBitsPerUnit)}, total {CodingText.Bits(pt.TotalBitsPerUnit)} bits/{unit}")),
                cancel: cancel);

        string csv = Path.Combine(directory, "sweep.csv");
        SweepCsv.Write(csv, SweepCsv.FormatPoints(outcome.Points));
        SweepCsv.Write(Path.Combine(directory, "runs.csv"), SweepCsv.FormatRuns(outcome.Runs));
        IReadOnlyList<string> pngs = plots ? SweepPlots.WriteAll(directory, spec.Name, unit, outcome) : [];
        console.Ansi.Write(SweepView.Build(outcome, $"{spec.Name}: bits per {unit} (entropy {outcome.Entropy:F4})", unit));
        console.Line(string.Create(inv,
            $"entropy {CodingText.Bits(outcome.Entropy)} bits/{unit}; -log2 p(data) {CodingText.Bits(outcome.IdealBitsPerUnit)} bits/{unit}; {outcome.Seconds:F1} s"));
        console.Line($"wrote {csv}, {Path.Combine(directory, "runs.csv")}{string.Concat(pngs.Select(p => ", " + p))}");
        if (!outcome.AllRoundTrips)
            throw new CliException("some messages did not decode back to their data (see round_trip in runs.csv)", ExitCodes.VerificationFailed);
        return ExitCodes.Ok;
    }

    private static SweepOutcome RunWithProgress(CliConsole console, SweepSpec spec, CancellationToken cancel)
    {
        SweepOutcome? outcome = null;
        new Progress(console.Ansi)
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("sweep", maxValue: 1);
                outcome = SweepExecutor.Run(spec,
                    starting: (label, i, n) =>
                    {
                        task.MaxValue = n;
                        task.Description = Markup.Escape($"{spec.Name} [{i + 1}/{n}] {label}");
                    },
                    finished: (_, i, _) => task.Value = i + 1,
                    cancel: cancel);
            });
        return outcome!;
    }

    private static int Units(SweepPreset preset, int t, int? symbols, int? sequences)
    {
        if (symbols is not null && sequences is not null) throw new CliException("give --symbols or --sequences, not both", ExitCodes.Usage);
        if (sequences is { } q)
        {
            if (t == 1) throw new CliException($"--sequences is for sequence models; {preset.Name} codes single symbols (use --symbols)", ExitCodes.Usage);
            if (q < 1) throw new CliException("--sequences must be at least 1", ExitCodes.Usage);
            return q;
        }
        if (symbols is { } n)
        {
            if (n < t || n % t != 0) throw new CliException($"--symbols {n}: {preset.Name} needs a positive multiple of {t}", ExitCodes.Usage);
            return n / t;
        }
        return preset.Units;
    }

    private static IReadOnlyList<CoderChoice> ParseCoders(string text)
    {
        try
        {
            IReadOnlyList<CoderChoice> list = CoderChoice.ParseList(text);
            if (list.Count == 0) throw new FormatException("--coders names no coder.");
            return list.DistinctBy(c => c.Name).ToArray();
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
    }

    private static int[] ParseCounts(string text, string option)
    {
        var counts = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new CliException($"{option}: '{part}' is not a positive integer", ExitCodes.Usage);
            counts.Add(n);
        }
        if (counts.Count == 0) throw new CliException($"{option} names no value", ExitCodes.Usage);
        return counts.Distinct().Order().ToArray();
    }
}
