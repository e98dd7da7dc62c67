// VaeSweepCommand: `mcbits sweep --preset fashion-vae`. Adds the preset's own options to the sweep command
// (--vae-model, --images, --data, --latent-bits, --latent-point) and runs VaeSweep with the sweep's shared ones: --coders and --particles
// (a cross product replacing the default cells BB-ELBO, BB-IS/BB-CIS at N = 1, 5, 50), --chains (default 10
// here), --seed, --out (default artifacts/sweep-fashion-vae), --no-verify and --backend. Prints each cell
// as it finishes and the markdown table; writes runs.csv, sweep.csv, table.md and net-<side>.png. Exit code 4 when a
// round trip failed.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;

namespace Engine.Cli.Vae;

/// <summary>The fashion-vae preset of the sweep command.</summary>
internal static class VaeSweepCommand
{
    /// <summary>The preset's name.</summary>
    public const string PresetName = NeuralTool.VaeSweepPreset;

    private const int DefaultChains = 10;

    private static readonly Option<string> ModelOption = new("--vae-model")
    {
        Description = $"{PresetName}: VAE checkpoint (its classes are in distribution, the rest out).",
        DefaultValueFactory = _ => Path.Combine("artifacts", "vae-k5-c04.ckpt"),
    };

    private static readonly Option<int> ImagesOption = new("--images")
    {
        Description = $"{PresetName} (default 500) and fashion-cif (default 200): test images per side (the first of each side's classes).",
        DefaultValueFactory = _ => 500,
    };

    private static readonly Option<string?> DataOption = new("--data")
    {
        Description = $"{PresetName} and fashion-cif: Fashion-MNIST directory (default ${FashionMnist.DirectoryVariable} or {FashionMnist.DefaultDirectory}).",
    };

    /// <summary>--latent-bits and --latent-point: the grid every cell codes on.</summary>
    public static Commands.LatentGridOptions GridOptions { get; } = new();

    /// <summary>The options only this preset reads (the sweep command rejects them with a toy preset; fashion-cif shares --images
    /// and --data).</summary>
    public static IReadOnlyList<Option> PresetOptions { get; } = [ModelOption, ImagesOption, DataOption, .. GridOptions.All];

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
        int images = parse.GetValue(ImagesOption);
        if (images < 1) throw new CliException("--images must be at least 1", ExitCodes.Usage);
        int chains = SweepOptionReader.Given<string>(parse, "--chains") is { } c ? SweepOptionReader.Positive(c, "--chains") : DefaultChains;
        IReadOnlyList<(CoderKind, int)> cells = Cells(SweepOptionReader.Given<string>(parse, "--coders"), SweepOptionReader.Given<string>(parse, "--particles"));
        ulong seed = SweepOptionReader.Find<ulong>(parse, "--seed") is { } so ? parse.GetValue(so) : 1;
        bool verify = !(SweepOptionReader.Find<bool>(parse, "--no-verify") is { } nv && parse.GetValue(nv));
        string directory = SweepOptionReader.Given<string>(parse, "--out") ?? Path.Combine("artifacts", "sweep-" + PresetName);
        string modelPath = parse.GetValue(ModelOption)!;
        VaeLatentGrid grid = VaeGridReader.Read(parse, GridOptions);

        var clock = Stopwatch.StartNew();
        using VaeModel model = VaeModelFile.Load(modelPath);
        FashionMnist data = FashionMnist.Load(parse.GetValue(DataOption));
        using IRansBackend backend = SweepOptionReader.Find<string>(parse, BackendOption.Name) is { } bo ? BackendOption.CreateBackend(parse, bo) : BackendFactory.Create(BackendKind.Cpu);
        console.Line(string.Create(inv, $"sweep {PresetName}: {modelPath}, {images} images per side, {cells.Count} cells, {chains} chains, latents on {grid}, backend {backend.Name}, verify {(verify ? "on" : "off")} -> {directory}"));
        Directory.CreateDirectory(directory);
        int stale = Commands.SweepCommand.RemoveEarlierOutputs(directory);
        if (stale > 0) console.Line(string.Create(inv, $"removed {stale} file(s) an earlier sweep wrote to {directory}"));
        List<VaeSweepSide> sides = VaeSweep.Prepare(modelPath, model, data, images, grid, cells.Select(c => c.Item2));
        foreach (VaeSweepSide s in sides)
            console.Line(string.Create(inv, $"{s.Name} (classes {s.Classes}, {s.Images.Count} images): -ELBO {CodingText.Bits(s.Score.NegElboBitsPerDim)}, -IWAE(50) {CodingText.Bits(s.Score.NegIwaeBitsPerDim)} bits/dim"));
        foreach (VaeSweepSide s in sides)
        {
            foreach (var (kind, n) in cells)
            {
                cancel.ThrowIfCancellationRequested();
                VaeSweepCell cell = VaeSweep.Code(s, model, grid, kind, n, chains, seed, backend, verify);
                s.Cells.Add(cell);
                console.Line(string.Create(inv,
                    $"[{s.Name}] {cell.Label} B={chains}: net {CodingText.Bits(cell.NetBitsPerDim)}, total {CodingText.Bits(cell.TotalBitsPerDim)} bits/dim, initial {cell.InitialBitsPerChain:F0} bits/chain, encode {cell.EncodeSeconds:F1} s, decode {cell.DecodeSeconds:F1} s, round trip {(cell.RoundTrip is bool b ? (b ? "ok" : "FAILED") : "unchecked")}"));
            }
        }
        string runs = Path.Combine(directory, "runs.csv"), cellsCsv = Path.Combine(directory, "sweep.csv"), table = Path.Combine(directory, "table.md");
        SweepRecord[] records = VaeSweep.Records(modelPath, sides, seed).ToArray();
        AtomicFile.WriteAllBytes(runs, System.Text.Encoding.UTF8.GetBytes(SweepCsv.FormatRuns(records)));
        AtomicFile.WriteAllBytes(cellsCsv, System.Text.Encoding.UTF8.GetBytes(SweepCsv.FormatCells(SweepCell.Aggregate(records))));
        string markdown = VaeSweep.Markdown(modelPath, model, grid, sides, chains, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllBytes(table, System.Text.Encoding.UTF8.GetBytes(markdown));
        string[] plots = VaeSweep.WritePlots(directory, sides, SweepCell.Aggregate(records));
        console.Line(markdown);
        console.Line($"wrote {3 + plots.Length} files to {Path.GetFullPath(directory)}: runs.csv, sweep.csv, table.md, {string.Join(", ", plots.Select(Path.GetFileName))}");
        if (sides.Any(s => s.Cells.Any(x => x.RoundTrip == false)))
            throw new CliException("some messages did not decode back to their images (see round_trip in runs.csv)", ExitCodes.VerificationFailed);
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<(CoderKind, int)> Cells(string? coders, string? particles)
    {
        if (coders is null && particles is null) return VaeSweep.DefaultCells;
        IEnumerable<CoderKind> kinds;
        try
        {
            kinds = coders is null
                ? Engine.Systems.Vae.VaeCodec.SupportedCoders
                : CoderVariant.ParseList(coders).Select(c => c.Kind).Distinct().ToArray();
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
        int[] ns = particles is null ? [1, 5, 50] : particles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => SweepOptionReader.Positive(p, "--particles")).ToArray();
        var cells = new List<(CoderKind, int)>();
        foreach (CoderKind k in kinds)
        {
            if (!Engine.Systems.Vae.VaeCodec.SupportedCoders.Contains(k))
                throw new CliException($"{CoderNames.ToName(k)} does not run on a VAE; use bb-elbo, bb-is or bb-cis", ExitCodes.Usage);
            if (k == CoderKind.BbElbo) cells.Add((k, 1));
            else cells.AddRange(ns.Distinct().Order().Select(n => (k, n)));
        }
        return cells.Distinct().ToArray();
    }
}
