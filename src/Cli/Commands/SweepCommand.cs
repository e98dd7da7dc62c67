// `mcbits sweep`: coders × N × chains. The toy presets code sampled toy data (no data file needed) and write
// <out>/sweep.csv (means over seeds), <out>/runs.csv (every seed) and the PNG figures (net.png, total.png,
// initial.png, seconds.png), print a Spectre table, show Spectre progress while they run (one line per cell
// when output is not a terminal) and decode every message to check the round trip unless --no-verify; the
// last line names every file written under the output directory's full path. --preset fashion-vae hands
// over to Vae.VaeSweepCommand; --spec file.json runs the grid a spec file names (SweepSpecFile: several models,
// JSON model files and data files included). The grid itself runs in Engine.Systems.SweepRunner, the same
// engine a C# host calls. An option the chosen preset does not use is a usage error rather than being
// silently ignored. Every encode and decode runs on the --backend chosen. Exit code 4 when any round trip failed.
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Coding;
using Engine.Systems;
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
        var cmd = new Command("sweep",
            "Sweep coders x particle counts x chains and decode every message: toy presets on sampled toy data (CSVs, PNG figures, table); " +
            "fashion-vae on Fashion-MNIST test images with a VAE checkpoint (runs.csv, table.md); fashion-cif on 8-bit test images with a CIF checkpoint (runs.csv, sigma.csv, table.md, net.png); toy2d-cif trains a CIF and a flow on a 2-D toy density and codes it (runs.csv, table.md, density.png).");
        var preset = new Option<string>("--preset", "-p")
        {
            Description = $"Grid and model: {string.Join(", ", SweepPreset.All.Select(p => p.Name))}, {NeuralTool.VaeSweepPreset} (VAE table), {NeuralTool.CifSweepPreset} (CIF table), {NeuralTool.VrnnSweepPreset} (VRNN table), {NeuralTool.Toy2dCifSweepPreset} (2-D toy CIF){(NeuralTool.Available ? "" : ": " + NeuralTool.Command)}.",
            DefaultValueFactory = _ => SweepPreset.ToyMixture.Name,
        };
        preset.AcceptOnlyFromAmong([.. SweepPreset.All.Select(p => p.Name), NeuralTool.VaeSweepPreset, NeuralTool.CifSweepPreset, NeuralTool.VrnnSweepPreset, NeuralTool.Toy2dCifSweepPreset]);
        var coders = new Option<string?>("--coders")
        {
            Description = "Comma-separated coders (default: the preset's: toy-mixture bb-is,bb-cis,bb-ais,bb-ais-bitswap; toy-hmm bb-elbo and the SMC family; fashion-vae bb-elbo,bb-is,bb-cis).",
        };
        var particles = new Option<string?>("--particles", "-N") { Description = "Comma-separated particle counts (default: toy-mixture 1,2,...,128; toy-hmm 1,2,...,256; fashion-vae 1,5,50)." };
        var chains = new Option<string?>("--chains", "-B") { Description = "Comma-separated chain counts (default: 1; fashion-vae: one count, default 10)." };
        var symbols = new Option<int?>("--symbols") { Description = "Toy presets: symbols to sample (toy-mixture default 2000; toy-hmm: a multiple of 10)." };
        var sequences = new Option<int?>("--sequences") { Description = "toy-hmm: sequences of T = 10 to sample (default 2000)." };
        var seeds = new Option<int>("--seeds") { Description = "Toy presets: initial-bit seeds to average each cell over.", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed", "-s") { Description = "First initial-bit seed (toy presets use seed, seed+1, ... with --seeds).", DefaultValueFactory = _ => 1 };
        var dataSeed = new Option<ulong>("--data-seed") { Description = "Toy presets: seed of the sampled data.", DefaultValueFactory = _ => 1 };
        var modelSeed = new Option<ulong>("--model-seed") { Description = "Toy presets: seed of the toy model's tables.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out", "-o") { Description = "Output directory (default: artifacts/sweep-<preset>, relative to the current directory)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip decoding each message (faster; the round trip is then unchecked)." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Toy presets: write the CSVs only." };
        var tolerance = new Option<double?>("--tolerance")
        {
            Description = "Bits per unit a cell's net may exceed its coder's own bound (plus two standard errors); sweep.csv's within_tolerance column.",
        };
        var specOption = new Option<string?>("--spec")
        {
            Description = "A sweep spec file (JSON: name, models with their data, coders, particles, chains, seeds; see README) instead of a preset.",
        };
        Option<string> backendOption = BackendOption.Create();
        foreach (Option o in new Option[] { preset, specOption, tolerance, coders, particles, chains, symbols, sequences, seeds, seed, dataSeed, modelSeed, output, noVerify, noPlots, backendOption })
            cmd.Options.Add(o);
#if NEURAL
        Vae.VaeSweepCommand.AddOptions(cmd);
        Vae.CifSweepCommand.AddOptions(cmd);
        Vae.Toy2dCifSweepCommand.AddOptions(cmd);
        Vae.VrnnSweepCommand.AddOptions(cmd);
#endif
        cmd.SetAction((parse, cancel) => Task.FromResult(CommandGuard.Run(parse, console =>
        {
            string presetName = parse.GetValue(preset)!;
            bool vae = presetName == NeuralTool.VaeSweepPreset, cif = presetName == NeuralTool.CifSweepPreset, toy2d = presetName == NeuralTool.Toy2dCifSweepPreset,
                vrnn = presetName == NeuralTool.VrnnSweepPreset;
#if NEURAL
            if (vrnn)
            {
                RejectUnused(parse, presetName, [symbols, sequences, seeds, dataSeed, modelSeed, noPlots, tolerance, .. Vae.CifSweepCommand.PresetOptions,
                    .. Vae.Toy2dCifSweepCommand.PresetOptions]);
                return Vae.VrnnSweepCommand.Run(parse, console, cancel);
            }
            if (cif)
            {
                RejectUnused(parse, presetName, [symbols, sequences, seeds, dataSeed, modelSeed, noPlots, backendOption, tolerance, .. Vae.VaeSweepCommand.PresetOptions.Take(1),
                    .. Vae.VaeSweepCommand.GridOptions.All, .. Vae.Toy2dCifSweepCommand.PresetOptions, .. Vae.VrnnSweepCommand.PresetOptions]);
                return Vae.CifSweepCommand.Run(parse, console, cancel);
            }
            if (toy2d)
            {
                RejectUnused(parse, presetName, [coders, symbols, sequences, seeds, dataSeed, modelSeed, noPlots, backendOption, tolerance,
                    .. Vae.VaeSweepCommand.PresetOptions, .. Vae.CifSweepCommand.PresetOptions, .. Vae.VrnnSweepCommand.PresetOptions]);
                return Vae.Toy2dCifSweepCommand.Run(parse, console, cancel);
            }
            RejectUnused(parse, presetName, vae ? [symbols, sequences, seeds, dataSeed, modelSeed, noPlots, .. Vae.CifSweepCommand.PresetOptions, .. Vae.Toy2dCifSweepCommand.PresetOptions,
                    .. Vae.VrnnSweepCommand.PresetOptions]
                : [.. Vae.VaeSweepCommand.PresetOptions, .. Vae.CifSweepCommand.PresetOptions, .. Vae.Toy2dCifSweepCommand.PresetOptions, .. Vae.VrnnSweepCommand.PresetOptions]);
            if (vae) return Vae.VaeSweepCommand.Run(parse, console, cancel);
#else
            if (vae || cif || toy2d || vrnn) throw NeuralTool.Needed($"The {presetName} sweep");
#endif
            using IRansBackend backend = BackendOption.CreateBackend(parse, backendOption);
            if (parse.GetValue(specOption) is { } specPath)
            {
                if (parse.GetResult(preset) is { Implicit: false }) throw new CliException("give --preset or --spec, not both", ExitCodes.Usage);
                RejectUnused(parse, "--spec", [coders, particles, chains, symbols, sequences, seeds, seed, dataSeed, modelSeed]);
                SweepGrid fromFile = SweepSpecFile.Load(specPath) with { Backend = backend, Verify = !parse.GetValue(noVerify) };
                if (parse.GetValue(tolerance) is double specTolerance) fromFile = fromFile with { Tolerance = CheckTolerance(specTolerance) };
                return Run(console, fromFile, parse.GetValue(output) ?? Path.Combine("artifacts", "sweep-" + fromFile.Name), !parse.GetValue(noPlots), cancel);
            }
            SweepPreset p = SweepPreset.Find(presetName);
            ulong mSeed = parse.GetValue(modelSeed), dSeed = parse.GetValue(dataSeed);
            var model = p.Model.Create(mSeed);
            int units = Units(p, model.SequenceLength, parse.GetValue(symbols), parse.GetValue(sequences));
            int seedCount = parse.GetValue(seeds);
            if (seedCount < 1) throw new CliException("--seeds must be at least 1", ExitCodes.Usage);
            ulong firstSeed = parse.GetValue(seed);
            var grid = new SweepGrid
            {
                Name = p.Name,
                Data = [new SweepData(p.Model.Name, model, model.Sample(units, dSeed), p.Model.UnitName, mSeed.ToString(CultureInfo.InvariantCulture),
                    dSeed.ToString(CultureInfo.InvariantCulture), "all", model.Entropy.Bits)],
                Coders = ParseCoders(parse.GetValue(coders) ?? p.Coders),
                Particles = parse.GetValue(particles) is { } list ? ParseCounts(list, "--particles") : p.Particles,
                Chains = ParseCounts(parse.GetValue(chains) ?? "1", "--chains"),
                Seeds = Enumerable.Range(0, seedCount).Select(i => firstSeed + (ulong)i).ToArray(),
                Backend = backend,
                Verify = !parse.GetValue(noVerify),
                Tolerance = parse.GetValue(tolerance) is double t ? CheckTolerance(t) : double.NaN,
            };
            string directory = parse.GetValue(output) ?? Path.Combine("artifacts", "sweep-" + p.Name);
            return Run(console, grid, directory, !parse.GetValue(noPlots), cancel);
        })));
        return cmd;
    }

    /// <summary>Deletes the files any sweep preset writes (and only those) from <paramref name="directory"/>, so what is there after a
    /// run is this run's: a re-run with --no-plots, fewer coders or another preset leaves no stale figure or table behind. Returns how many.</summary>
    internal static int RemoveEarlierOutputs(string directory)
    {
        int removed = 0;
        // net-in.png / net-out.png: the fashion-vae sweep's plots (Vae.VaeSweep.PlotFile; named here too, the small tool has no VAE).
        foreach (string name in (string[])["sweep.csv", "runs.csv", "table.md", .. SweepPlots.FileNames, "net-in.png", "net-out.png"])
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            removed++;
        }
        return removed;
    }

    private static int Run(CliConsole console, SweepGrid grid, string directory, bool plots, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        IReadOnlyList<SweepRunner.Cell> cells = SweepRunner.Plan(grid, out IReadOnlyList<string> skipped);
        if (cells.Count == 0) throw new CliException("no cell of the sweep can run: " + string.Join("; ", skipped), ExitCodes.Usage);
        Directory.CreateDirectory(directory);
        int stale = RemoveEarlierOutputs(directory);
        string unit = grid.Data.Select(d => d.Unit).Distinct().Count() == 1 ? grid.Data[0].Unit : "unit";
        string what = string.Join(", ", grid.Data.Select(d => string.Create(inv, $"{d.Units.Length / d.LatentModel.Shape.SymbolsPerUnit} {d.Unit}s of {d.Model}")));
        console.Line(string.Create(inv,
            $"sweep {grid.Name}: {what}, {cells.Count} cells x {grid.Seeds.Count} seed(s), backend {grid.Backend?.Name ?? "cpu"}, verify {(grid.Verify ? "on" : "off")} -> {directory}"));
        foreach (string s in skipped) console.Line("skipped " + s);
        if (stale > 0) console.Line(string.Create(inv, $"removed {stale} file(s) an earlier sweep wrote to {directory}"));

        SweepResult result = console.Interactive
            ? RunWithProgress(console, grid, cancel)
            : SweepRunner.Run(grid, finished: (pt, i, n) => console.Line(string.Create(inv,
                $"[{i + 1}/{n}] {(grid.Data.Count > 1 ? pt.Model + " " : "")}{pt.Coder} N={pt.Particles} B={pt.Chains}: net {CodingText.Bits(pt.NetBitsPerUnit)}, total {CodingText.Bits(pt.TotalBitsPerUnit)} bits/{pt.Unit}")),
                cancel: cancel);

        string csv = Path.Combine(directory, "sweep.csv");
        WriteText(csv, SweepCsv.FormatCells(result.Cells, grid.Tolerance));
        WriteText(Path.Combine(directory, "runs.csv"), SweepCsv.FormatRuns(result.Records));
        // The figures put every series on one axis, so they are drawn for a sweep of one data set.
        IReadOnlyList<string> pngs = plots && grid.Data.Count == 1 ? SweepPlots.WriteAll(directory, grid.Name, unit, result.Cells) : [];
        if (plots && grid.Data.Count > 1) console.Line("no figures: the sweep has several data sets (the CSVs hold them all)");
        console.Ansi.Write(SweepView.Build(result.Cells, $"{grid.Name}: bits per {unit}", unit));
        foreach (SweepCell first in result.Cells.DistinctBy(c => (c.Model, c.ModelSeed, c.DataSeed, c.Side)))
            console.Line(string.Create(inv,
                $"{first.Model}: entropy {CodingText.Bits(first.EntropyBitsPerUnit)}, -ELBO {CodingText.Bits(first.NegElboBitsPerUnit)}, -log2 p(data) {CodingText.Bits(first.NegLogLikelihoodBitsPerUnit)} bits/{first.Unit}"));
        if (!double.IsNaN(grid.Tolerance))
        {
            SweepCell[] judged = result.Cells.Where(c => c.Passes(grid.Tolerance) is not null).ToArray();
            string[] above = judged.Where(c => c.Passes(grid.Tolerance) == false)
                .Select(c => string.Create(inv, $"{c.Coder} N={c.Particles} (+{c.ExcessBitsPerUnit:F4} ± {c.ExcessStandardError:F4})")).ToArray();
            console.Line(string.Create(inv, $"{judged.Length - above.Length} of {judged.Length} cells within {grid.Tolerance} bits/{unit} (+ 2 standard errors) of their own bound")
                + (above.Length > 0 ? "; above: " + string.Join(", ", above) : ""));
        }
        console.Line(string.Create(inv, $"{result.Seconds:F1} s"));
        string[] written = [csv, Path.Combine(directory, "runs.csv"), .. pngs];
        console.Line($"wrote {written.Length} files to {Path.GetFullPath(directory)}: {string.Join(", ", written.Select(Path.GetFileName))}");
        if (!result.AllRoundTrips)
            throw new CliException("some messages did not decode back to their data (see round_trip in runs.csv)", ExitCodes.VerificationFailed);
        return ExitCodes.Ok;
    }

    private static double CheckTolerance(double t) =>
        t >= 0 && double.IsFinite(t) ? t : throw new CliException("--tolerance must be a non-negative number of bits", ExitCodes.Usage);

    private static void WriteText(string path, string text) => AtomicFile.WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    private static SweepResult RunWithProgress(CliConsole console, SweepGrid grid, CancellationToken cancel)
    {
        SweepResult? result = null;
        new Progress(console.Ansi)
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("sweep", maxValue: 1);
                result = SweepRunner.Run(grid,
                    starting: (label, i, n) =>
                    {
                        task.MaxValue = n;
                        task.Description = Markup.Escape($"{grid.Name} [{i + 1}/{n}] {label}");
                    },
                    finished: (_, i, _) => task.Value = i + 1,
                    cancel: cancel);
            });
        return result!;
    }

    /// <summary>A usage error naming the first of <paramref name="unused"/> the user gave explicitly.</summary>
    private static void RejectUnused(ParseResult parse, string preset, IEnumerable<Option> unused)
    {
        foreach (Option o in unused)
            if (parse.GetResult(o) is { Implicit: false })
                throw new CliException($"{o.Name} does not apply to --preset {preset}", ExitCodes.Usage);
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

    private static IReadOnlyList<CoderVariant> ParseCoders(string text)
    {
        try
        {
            IReadOnlyList<CoderVariant> list = CoderVariant.ParseList(text);
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
