// VrnnSweepCommand: `mcbits sweep --preset fashion-vrnn`. Adds --vrnn-models (comma-separated checkpoints, one per training
// objective; default artifacts/vrnn-elbo.ckpt, vrnn-iwae.ckpt and vrnn-fivo.ckpt, those that exist) and reads the options it
// shares with fashion-vae: --images (default 500 per side), --data, --vae-model (when given, or when the default checkpoint
// exists: the VAE's BB-IS(16) on the same images as a cross-check) and --latent-bits / --latent-point / --proposal-bits (the
// VRNN grid, VrnnCodec.DefaultGrid otherwise). The sweep's --coders and --particles replace the default cells (BB-ELBO; BB-IS,
// BB-SMC, BB-CSMC at N = 1, 4, 16; -adaptive variants allowed), --chains (default 64), --seed, --out (default
// artifacts/sweep-fashion-vrnn), --no-verify and --backend. Prints each cell as it finishes and the markdown table; writes
// runs.csv, sweep.csv, table.md and the plots. Exit code 4 when a round trip failed.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems;
using Engine.Systems.Vae;

namespace Engine.Cli.Vae;

/// <summary>The fashion-vrnn preset of the sweep command.</summary>
internal static class VrnnSweepCommand
{
    /// <summary>The preset's name.</summary>
    public const string PresetName = NeuralTool.VrnnSweepPreset;

    private const int DefaultChains = 64, DefaultImages = 500, VaeParticles = 16;

    private static readonly string[] DefaultModels = ["elbo", "iwae", "fivo"];

    private static readonly Option<string?> ModelsOption = new("--vrnn-models")
    {
        Description = $"{PresetName}: VRNN checkpoints, comma-separated (default artifacts/vrnn-elbo.ckpt, vrnn-iwae.ckpt, vrnn-fivo.ckpt: those that exist).",
    };

    /// <summary>The options only this preset reads.</summary>
    public static IReadOnlyList<Option> PresetOptions { get; } = [ModelsOption];

    /// <summary>Adds the preset's options to the sweep command.</summary>
    public static void AddOptions(Command sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        foreach (Option o in PresetOptions) sweep.Options.Add(o);
    }

    /// <summary>Runs the preset with the options of <paramref name="parse"/>.</summary>
    public static int Run(ParseResult parse, CliConsole console, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        int images = SweepOptionReader.Find<int>(parse, "--images") is { } io && parse.GetResult(io) is { Implicit: false } ? parse.GetValue(io) : DefaultImages;
        if (images < 1) throw new CliException("--images must be at least 1", ExitCodes.Usage);
        int chains = SweepOptionReader.Given<string>(parse, "--chains") is { } c ? SweepOptionReader.Positive(c, "--chains") : DefaultChains;
        IReadOnlyList<(CoderVariant, int)> cells = Cells(SweepOptionReader.Given<string>(parse, "--coders"), SweepOptionReader.Given<string>(parse, "--particles"));
        ulong seed = SweepOptionReader.Find<ulong>(parse, "--seed") is { } so ? parse.GetValue(so) : 1;
        bool verify = !(SweepOptionReader.Find<bool>(parse, "--no-verify") is { } nv && parse.GetValue(nv));
        string directory = SweepOptionReader.Given<string>(parse, "--out") ?? Path.Combine("artifacts", "sweep-" + PresetName);
        VaeLatentGrid grid = VaeGridReader.Read(parse, VaeSweepCommand.GridOptions, VrnnCodec.DefaultGrid);
        string[] models = parse.GetValue(ModelsOption) is { } given
            ? given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : DefaultModels.Select(o => Path.Combine("artifacts", $"vrnn-{o}.ckpt")).Where(File.Exists).ToArray();
        if (models.Length == 0)
            throw new CliException($"no VRNN checkpoints: train them with `mcbits train vrnn --objective elbo|iwae|fivo` (they go to artifacts/vrnn-<objective>.ckpt) or name them with --vrnn-models", ExitCodes.Usage);

        var clock = Stopwatch.StartNew();
        FashionMnist data = FashionMnist.Load(SweepOptionReader.Given<string>(parse, "--data"));
        using IRansBackend backend = SweepOptionReader.Find<string>(parse, BackendOption.Name) is { } bo ? BackendOption.CreateBackend(parse, bo) : BackendFactory.Create(BackendKind.Cpu);
        console.Line(string.Create(inv, $"sweep {PresetName}: {string.Join(", ", models)}, {images} images per side, {cells.Count} cells, {chains} chains, latents on {grid}, backend {backend.Name}, verify {(verify ? "on" : "off")} -> {directory}"));
        Directory.CreateDirectory(directory);
        int stale = Commands.SweepCommand.RemoveEarlierOutputs(directory);
        if (stale > 0) console.Line(string.Create(inv, $"removed {stale} file(s) an earlier sweep wrote to {directory}"));
        var sides = new List<VrnnSweepSide>();
        foreach (string path in models)
        {
            using VrnnModel model = VrnnFiles.Load(path);
            List<VrnnSweepSide> mine = VrnnSweep.Prepare(path, model, data, images, cells.Select(x => x.Item2));
            foreach (VrnnSweepSide s in mine)
            {
                string bounds = string.Join(", ", s.Scores.Select(kv => kv.Key == 1 ? $"-ELBO {CodingText.Bits(kv.Value.NegElboBitsPerDim)}"
                    : string.Create(inv, $"-IWAE({kv.Key}) {CodingText.Bits(kv.Value.NegIwaeBitsPerDim)}, -FIVO({kv.Key}) {CodingText.Bits(kv.Value.NegFivoBitsPerDim)}")));
                console.Line(string.Create(inv, $"{s.Model} ({s.Objective}) {s.Name} (classes {s.Classes}, {s.Sequences.Count} images): {bounds} bits/dim"));
            }
            foreach (VrnnSweepSide s in mine)
                foreach (var (coder, n) in cells)
                {
                    cancel.ThrowIfCancellationRequested();
                    VrnnSweepCell cell = VrnnSweep.Code(s, model, grid, coder, n, chains, seed, backend, verify);
                    s.Cells.Add(cell);
                    console.Line(string.Create(inv,
                        $"[{s.Model} {s.Name}] {cell.Label} B={chains}: net {CodingText.Bits(cell.NetBitsPerDim)} (own bound {CodingText.Bits(cell.OwnBoundBitsPerDim)}), total {CodingText.Bits(cell.TotalBitsPerDim)} bits/dim, initial {cell.InitialBitsPerChain:F0} bits/chain, encode {cell.EncodeSeconds:F1} s, decode {cell.DecodeSeconds:F1} s, round trip {(cell.RoundTrip is bool b ? (b ? "ok" : "FAILED") : "unchecked")}"));
                }
            sides.AddRange(mine);
        }
        var baselines = sides.Where(s => s.Model == sides[0].Model).ToDictionary(s => s.Name, s => BaselineCodecs.MeasureAll(s.Sequences));
        var vae = VaeCrossCheck(parse, sides.Where(s => s.Model == sides[0].Model).ToArray(), chains, seed, backend, console);
        string runs = Path.Combine(directory, "runs.csv"), cellsCsv = Path.Combine(directory, "sweep.csv"), table = Path.Combine(directory, "table.md");
        SweepRecord[] records = VrnnSweep.Records(sides, seed).ToArray();
        IReadOnlyList<SweepCell> aggregated = SweepCell.Aggregate(records);
        AtomicFile.WriteAllBytes(runs, System.Text.Encoding.UTF8.GetBytes(SweepCsv.FormatRuns(records)));
        AtomicFile.WriteAllBytes(cellsCsv, System.Text.Encoding.UTF8.GetBytes(SweepCsv.FormatCells(aggregated)));
        string markdown = VrnnSweep.Markdown(sides, baselines, vae, grid, chains, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllBytes(table, System.Text.Encoding.UTF8.GetBytes(markdown));
        string[] plots = VrnnSweep.WritePlots(directory, sides, aggregated);
        console.Line(markdown);
        console.Line($"wrote {3 + plots.Length} files to {Path.GetFullPath(directory)}: runs.csv, sweep.csv, table.md, {string.Join(", ", plots.Select(Path.GetFileName))}");
        if (sides.Any(s => s.Cells.Any(x => x.RoundTrip == false)))
            throw new CliException("some messages did not decode back to their images (see round_trip in runs.csv)", ExitCodes.VerificationFailed);
        return ExitCodes.Ok;
    }

    // The VAE's BB-IS(16) on the same images, when --vae-model is given or its default checkpoint exists.
    private static Dictionary<string, (string, double)> VaeCrossCheck(ParseResult parse, VrnnSweepSide[] sides, int chains, ulong seed, IRansBackend backend, CliConsole console)
    {
        var result = new Dictionary<string, (string, double)>();
        Option<string>? option = SweepOptionReader.Find<string>(parse, "--vae-model");
        if (option is null) return result;
        string path = parse.GetValue(option)!;
        bool given = parse.GetResult(option) is { Implicit: false };
        if (!given && !File.Exists(path)) return result;
        using VaeModel vae = VaeModelFile.Load(path);
        foreach (VrnnSweepSide s in sides)
        {
            // The same bits the VRNN coded (both checkpoints binarise by threshold unless trained otherwise; the VAE reads them whole).
            EncodeResult r = VaeCodec.Encode(s.Sequences, vae, new CoderOptions { Kind = CoderKind.BbIs, Particles = VaeParticles, Chains = chains, Seed = seed, Backend = backend });
            string label = $"{Path.GetFileName(path)} BB-IS({VaeParticles})";
            result[s.Name] = (label, r.NetBitsPerSymbol);
            console.Line(string.Create(CultureInfo.InvariantCulture, $"[VAE {s.Name}] {label}: net {CodingText.Bits(r.NetBitsPerSymbol)} bits/dim"));
        }
        return result;
    }

    private static IReadOnlyList<(CoderVariant, int)> Cells(string? coders, string? particles)
    {
        if (coders is null && particles is null) return VrnnSweep.DefaultCells;
        IReadOnlyList<CoderVariant> variants;
        try
        {
            variants = coders is null
                ? VrnnSweep.DefaultCells.Select(c => c.Coder).Distinct().ToArray()
                : CoderVariant.ParseList(coders).Distinct().ToArray();
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
        int[] ns = particles is null ? [1, 4, 16] : particles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => SweepOptionReader.Positive(p, "--particles")).ToArray();
        var cells = new List<(CoderVariant, int)>();
        foreach (CoderVariant v in variants)
        {
            if (!VrnnCodec.SupportedCoders.Contains(v.Kind))
                throw new CliException($"{v.Name} does not run on a VRNN; use bb-elbo, bb-is, bb-smc, bb-cis or bb-csmc (and their -adaptive variants)", ExitCodes.Usage);
            if (v.Kind == CoderKind.BbElbo) cells.Add((v, 1));
            else cells.AddRange(ns.Distinct().Order().Select(n => (v, n)));
        }
        return cells.Distinct().ToArray();
    }
}
