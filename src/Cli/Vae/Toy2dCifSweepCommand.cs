// Toy2dCifSweepCommand: `mcbits sweep --preset toy2d-cif [--density rings|gaussians8|checkerboard]`. The CIF's own picture on a
// 2-D toy density (ToyDensity2D, 8-bit grid), end to end in a few minutes: trains a CIF (L = 8, H = 64, one index dimension a
// layer) and a plain flow with the same number of parameters on --train-points (default 20,000) points for --epochs (default 30), codes --points (default 2,000) held-out points
// with Bit-Swap on both and McBits over the CIF's index (BB-IS and BB-CIS at each N of --particles, default 1, 4, 16) on
// --chains chains (default 10), each beside its model's own bound and decoded back unless --no-verify, and draws the data and
// both models' densities on the 256 x 256 grid (density.png: data, flow, CIF; the CIF's density is an IWAE(4) estimate at the cell
// centres). Writes runs.csv, table.md and density.png. Exit code 4 when a round trip failed.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engine.Ans.Messages;
using Engine.Cli.Infrastructure;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Flows;
using ScottPlot;

namespace Engine.Cli.Vae;

/// <summary>The toy2d-cif preset of the sweep command.</summary>
internal static class Toy2dCifSweepCommand
{
    /// <summary>The preset's name.</summary>
    public const string PresetName = "toy2d-cif";

    private const int Layers = 8, Hidden = 64, Grid = 256;

    private static readonly Option<string> DensityOption = new("--density")
    {
        Description = $"{PresetName}: the 2-D density ({string.Join(", ", ToyDensity2D.Names)}).",
        DefaultValueFactory = _ => "rings",
    };

    private static readonly Option<int> PointsOption = new("--points")
    {
        Description = $"{PresetName}: held-out points to code (default 2000).",
        DefaultValueFactory = _ => 2000,
    };

    private static readonly Option<int> EpochsOption = new("--epochs")
    {
        Description = $"{PresetName}: training epochs of both models (default 30).",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<int> TrainPointsOption = new("--train-points")
    {
        Description = $"{PresetName}: training points (default 20000).",
        DefaultValueFactory = _ => 20000,
    };

    private static readonly Option<double> RateOption = new("--learning-rate")
    {
        Description = $"{PresetName}: Adam's learning rate for both models (default 0.005).",
        DefaultValueFactory = _ => 5e-3,
    };

    /// <summary>The options only this preset reads.</summary>
    public static IReadOnlyList<Option> PresetOptions { get; } = [DensityOption, PointsOption, EpochsOption, TrainPointsOption, RateOption];

    /// <summary>Adds the preset's options to the sweep command.</summary>
    public static void AddOptions(Command sweep)
    {
        DensityOption.AcceptOnlyFromAmong([.. ToyDensity2D.Names]);
        foreach (Option o in PresetOptions) sweep.Options.Add(o);
    }

    private sealed record Row(string Model, FlowCoderKind Coder, int N, double Net, double Own, double Bound, double BoundError, string BoundName, double EncodeSeconds,
        double DecodeSeconds, bool? RoundTrip);

    /// <summary>Runs the preset with the options of <paramref name="parse"/>.</summary>
    public static int Run(ParseResult parse, CliConsole console, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        string density = parse.GetValue(DensityOption)!;
        int points = parse.GetValue(PointsOption), epochs = parse.GetValue(EpochsOption), trainPoints = parse.GetValue(TrainPointsOption);
        if (points < 1) throw new CliException("--points must be at least 1", ExitCodes.Usage);
        if (trainPoints < 1) throw new CliException("--train-points must be at least 1", ExitCodes.Usage);
        double rate = parse.GetValue(RateOption);
        if (!(rate > 0 && rate < 1)) throw new CliException("--learning-rate must be in (0, 1)", ExitCodes.Usage);
        if (epochs < 1) throw new CliException("--epochs must be at least 1", ExitCodes.Usage);
        int chains = SweepOptionReader.Given<string>(parse, "--chains") is { } c ? SweepOptionReader.Positive(c, "--chains") : 10;
        if (chains > points) throw new CliException($"--chains {chains} is more than the {points} points", ExitCodes.Usage);
        int[] ns = SweepOptionReader.Given<string>(parse, "--particles") is { } p
            ? p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => SweepOptionReader.Positive(t, "--particles")).Distinct().Order().ToArray()
            : [1, 4, 16];
        if (ns.Any(n => n > FlowOptions.MaxParticles)) throw new CliException($"--particles: at most {FlowOptions.MaxParticles} index particles", ExitCodes.Usage);
        ulong seed = SweepOptionReader.Find<ulong>(parse, "--seed") is { } so ? parse.GetValue(so) : 1;
        bool verify = !(SweepOptionReader.Find<bool>(parse, "--no-verify") is { } nv && parse.GetValue(nv));
        string directory = SweepOptionReader.Given<string>(parse, "--out") ?? Path.Combine("artifacts", "sweep-" + PresetName);
        var clock = Stopwatch.StartNew();

        ImageSet train = ToyDensity2D.Sample(density, trainPoints, seed), test = ToyDensity2D.Sample(density, points, seed + 1);
        var cifShape = new CifNetworkShape(1, 2, Layers, Hidden, IndexDims: 1);
        CifNetworkShape flowShape = MatchedFlow(cifShape);
        console.Line(string.Create(inv,
            $"sweep {PresetName}: {density}, {trainPoints} training points, {epochs} epochs; CIF {cifShape} ({Parameters(cifShape)} parameters) and flow {flowShape} ({Parameters(flowShape)}); {points} points on {chains} chains -> {directory}"));
        using CifFlowModel cif = Train(cifShape, train, epochs, rate, seed, density, console, cancel);
        using CifFlowModel flow = Train(flowShape, train, epochs, rate, seed, density, console, cancel);

        var rows = new List<Row>();
        void Add(Row r)
        {
            rows.Add(r);
            console.Line(string.Create(inv,
                $"{r.Model} {r.Coder.Label(r.N)}: net {r.Net:F4} (own {r.Own:F4}) bits/dim, {r.BoundName} {r.Bound:F4} ± {r.BoundError:F4}, encode {r.EncodeSeconds:F2} s, round trip {(r.RoundTrip is bool b ? (b ? "ok" : "FAILED") : "unchecked")}"));
        }
        var (flowBound, flowError) = FlowBound.NegativeElbo(flow, test.Pixels, samples: 4, seed: (int)seed);
        Add(Code("flow", flow, test.Pixels, FlowCoderKind.BitSwap, 1, chains, seed, verify, (flowBound, flowError, "-log2 p"), cancel));
        var (elbo, elboError) = FlowBound.NegativeElbo(cif, test.Pixels, samples: 4, seed: (int)seed);
        Add(Code("CIF", cif, test.Pixels, FlowCoderKind.BitSwap, 1, chains, seed, verify, (elbo, elboError, "-ELBO"), cancel));
        foreach (int n in ns)
        {
            var iwae = FlowBound.NegativeIwae(cif, test.Pixels, n, samples: 4, seed: (int)seed);
            Add(Code("CIF", cif, test.Pixels, FlowCoderKind.ImportanceSampling, n, chains, seed, verify, (iwae.BitsPerDim, iwae.StandardError, $"-IWAE({n})"), cancel));
            var coupled = FlowBound.NegativeCoupled(cif, test.Pixels, n, samples: 4, seed: (int)seed);
            Add(Code("CIF", cif, test.Pixels, FlowCoderKind.CoupledImportanceSampling, n, chains, seed, verify,
                (coupled.BitsPerDim, coupled.StandardError, $"-E log2 p^({n})"), cancel));
        }

        Directory.CreateDirectory(directory);
        string runs = Path.Combine(directory, "runs.csv"), table = Path.Combine(directory, "table.md"), picture = Path.Combine(directory, "density.png");
        AtomicFile.WriteAllBytes(runs, Encoding.UTF8.GetBytes(RunsCsv(rows)));
        string markdown = Markdown(density, cifShape, flowShape, points, chains, epochs, rows, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllBytes(table, Encoding.UTF8.GetBytes(markdown));
        AtomicFile.WriteAllBytes(picture, DensityPicture(density, train, flow.Network, cif.Network));
        console.Line(markdown);
        console.Line($"wrote 3 files to {Path.GetFullPath(directory)}: runs.csv, table.md, density.png");
        if (rows.Any(r => r.RoundTrip == false))
            throw new CliException("some messages did not decode back to their points (see round_trip in runs.csv)", ExitCodes.VerificationFailed);
        return ExitCodes.Ok;
    }

    private static long Parameters(CifNetworkShape shape) => CifNetwork.ParameterSizes(shape).Sum(p => p.Sizes.Aggregate(1L, (a, b) => a * b));

    // The plain flow (no index) of the CIF's depth whose hidden width gives the nearest parameter count.
    private static CifNetworkShape MatchedFlow(CifNetworkShape cif)
    {
        long target = Parameters(cif);
        return Enumerable.Range(1, 4 * cif.Hidden).Select(h => cif with { Hidden = h, IndexDims = 0 }).MinBy(s => Math.Abs(Parameters(s) - target))!;
    }

    private static CifFlowModel Train(CifNetworkShape shape, ImageSet train, int epochs, double rate, ulong seed, string density, CliConsole console, CancellationToken cancel)
    {
        var network = new CifNetwork(shape, (long)seed);
        try
        {
            var options = new CifTrainingOptions { Epochs = epochs, BatchSize = 128, LearningRate = rate, Seed = (long)seed, Threads = 1 };
            var (losses, _, skipped) = CifTrainer.Train(network, train, options, null, cancel);
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"trained {shape}: last epoch -ELBO {losses[^1]:F4} bits/dim, {skipped} steps skipped"));
            var header = new CifCheckpointHeader { Shape = shape, Fingerprint = ModelFingerprint.Compute(network), Classes = density, Training = options };
            return new CifFlowModel(network, header);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static Row Code(string name, CifFlowModel model, byte[] points, FlowCoderKind kind, int n, int chains, ulong seed, bool verify,
        (double Value, double Error, string Name) bound, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var options = new FlowOptions { Coder = kind, Particles = n, Chains = chains, Seed = seed };
        (FlowEncodeResult r, double decodeSeconds, bool? ok) = FlowRoundTrip.Run(points, model, options, verify);
        return new Row(name, kind, n, r.NetBitsPerDim, r.EstimatorBitsPerDim, bound.Value, bound.Error, bound.Name, r.Seconds, decodeSeconds, ok);
    }

    private static string RunsCsv(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder("model,coder,particles,net_bits_per_dim,own_estimate_bits_per_dim,bound,bound_bits_per_dim,bound_standard_error,encode_seconds,decode_seconds,round_trip\n");
        foreach (Row r in rows)
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Model},{r.Coder.Label(r.N)},{r.N},{r.Net:R},{r.Own:R},{r.BoundName},{r.Bound:R},{r.BoundError:R},{r.EncodeSeconds:R},{r.DecodeSeconds:R},{(r.RoundTrip is bool b ? (b ? "true" : "false") : "")}\n"));
        return sb.ToString();
    }

    private static string Markdown(string density, CifNetworkShape cif, CifNetworkShape flow, int points, int chains, int epochs, List<Row> rows, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(string.Create(inv,
            $"## {PresetName}: {density}, CIF {cif} ({Parameters(cif)} parameters) vs flow {flow} ({Parameters(flow)}), {epochs} epochs, {points} held-out points on {chains} chains, {seconds:F0} s\n\n"));
        sb.Append("| model | coder | net bits/dim (own) | bound | excess |\n|---|---|---|---|---|\n");
        foreach (Row r in rows)
            sb.Append(string.Create(inv, $"| {r.Model} | {r.Coder.Label(r.N)} | {r.Net:F4} ({r.Own:F4}) | {r.BoundName} {r.Bound:F4} ± {r.BoundError:F4} | {r.Net - r.Bound:+0.0000;-0.0000} |\n"));
        return sb.ToString();
    }

    // Three heat maps side by side: the training points' histogram, the flow's and the CIF's probability of each grid cell.
    private static byte[] DensityPicture(string density, ImageSet train, CifNetwork flow, CifNetwork cif)
    {
        var centres = new float[2 * Grid * Grid];
        for (int y = 0; y < Grid; y++)
            for (int x = 0; x < Grid; x++)
                (centres[2 * (y * Grid + x)], centres[2 * (y * Grid + x) + 1]) = ((x + 0.5f) / Grid, (y + 0.5f) / Grid);
        double[,] Map(Func<int, int, double> cell)
        {
            var m = new double[Grid, Grid];
            for (int y = 0; y < Grid; y++)
                for (int x = 0; x < Grid; x++) m[Grid - 1 - y, x] = cell(x, y);
            return m;
        }
        var counts = new double[Grid * Grid];
        for (int k = 0; k < train.Count; k++) counts[train.Image(k)[1] * Grid + train.Image(k)[0]] += 1.0 / train.Count;
        double[] flowLog = CifDensity.Log2(flow, centres, Grid * Grid, k: 1), cifLog = CifDensity.Log2(cif, centres, Grid * Grid, k: 4);
        // Densities on [0, 1)^2 to the probability of a cell (1 / Grid^2 of the area).
        double perCell = Math.Log2((double)Grid * Grid);
        var maps = new (string Title, double[,] Data)[]
        {
            ($"{density}: training points", Map((x, y) => counts[y * Grid + x])),
            ("plain flow", Map((x, y) => Math.Pow(2, flowLog[y * Grid + x] - perCell))),
            ("CIF (IWAE(4) estimate)", Map((x, y) => Math.Pow(2, cifLog[y * Grid + x] - perCell))),
        };
        // One plot, the three maps side by side on [0, 1] squares 0.1 apart, each coloured over its own range.
        var plot = new Plot();
        for (int i = 0; i < maps.Length; i++)
        {
            var heat = plot.Add.Heatmap(maps[i].Data);
            heat.Colormap = new ScottPlot.Colormaps.Viridis();
            heat.Position = new CoordinateRect(1.1 * i, 1.1 * i + 1, 0, 1);
            var label = plot.Add.Text(maps[i].Title, 1.1 * i + 0.5, 1.06);
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontSize = 16;
        }
        plot.Axes.SetLimits(-0.05, 3.25, -0.05, 1.15);
        plot.Axes.Frameless();
        plot.HideGrid();
        return plot.GetImageBytes(1500, 540, ImageFormat.Png);
    }
}
