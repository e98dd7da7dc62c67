// CifSweepCommand: `mcbits sweep --preset fashion-cif --cif-model cif.ckpt`. Codes the first --images (default 200) test images of classes
// 0–4 and of classes 5–9 (8-bit) with every cell — Bit-Swap, naive, and McBits over the index at each N of --particles
// (default 1, 4, 16) — on --chains chains (one count, default 10), decoding each message to check the round trip unless
// --no-verify, and a Bit-Swap run of each side at sigma = 2^-8 .. 2^-18 (one unit a chain: the local bits-back gap against
// sigma), and the initial bits of one image against L = 1, 2, 4, 8 for Bit-Swap and naive (untrained networks of the
// checkpoint's shape: the first pops do not depend on training). Writes runs.csv (every cell: net, own estimate, total, initial
// bits per chain, escapes, file bytes, seconds, round trip), sigma.csv, initial.csv, table.md, net.png (net bits/dim against N
// per side, Bit-Swap and naive as dashed lines) and initial.png.
// --coders narrows the cells (lbb-bitswap, lbb-naive, lbb-is, lbb-cis). Exit code 4 when a round trip failed.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Flows;
using ScottPlot;

namespace Engine.Cli.Vae;

/// <summary>The fashion-cif preset of the sweep command.</summary>
internal static class CifSweepCommand
{
    /// <summary>The preset's name.</summary>
    public const string PresetName = "fashion-cif";

    private static readonly Option<string> ModelOption = new("--cif-model")
    {
        Description = $"{PresetName}: CIF checkpoint (mcbits train cif).",
        DefaultValueFactory = _ => Path.Combine("artifacts", "cif.ckpt"),
    };

    /// <summary>The options only this preset reads.</summary>
    public static IReadOnlyList<Option> PresetOptions { get; } = [ModelOption];

    /// <summary>Adds the preset's options to the sweep command (it shares --images and --data with fashion-vae).</summary>
    public static void AddOptions(Command sweep) => sweep.Options.Add(ModelOption);

    private sealed record Cell(string Side, FlowCoderKind Coder, int N, int Chains, int Images, double Net, double Own, double Total, double InitialPerChain,
        long Escapes, long FileBytes, double EncodeSeconds, double DecodeSeconds, bool? RoundTrip);

    /// <summary>Runs the preset with the options of <paramref name="parse"/>.</summary>
    public static int Run(ParseResult parse, CliConsole console, CancellationToken cancel)
    {
        var inv = CultureInfo.InvariantCulture;
        int images = SweepOptionReader.Find<int>(parse, "--images") is { } io && parse.GetResult(io) is { Implicit: false } ? parse.GetValue(io) : 200;
        if (images < 1) throw new CliException("--images must be at least 1", ExitCodes.Usage);
        int chains = SweepOptionReader.Given<string>(parse, "--chains") is { } c ? SweepOptionReader.Positive(c, "--chains") : 10;
        ulong seed = SweepOptionReader.Find<ulong>(parse, "--seed") is { } so ? parse.GetValue(so) : 1;
        bool verify = !(SweepOptionReader.Find<bool>(parse, "--no-verify") is { } nv && parse.GetValue(nv));
        string directory = SweepOptionReader.Given<string>(parse, "--out") ?? Path.Combine("artifacts", "sweep-" + PresetName);
        IReadOnlyList<(FlowCoderKind, int)> cells = Cells(SweepOptionReader.Given<string>(parse, "--coders"), SweepOptionReader.Given<string>(parse, "--particles"));
        string modelPath = parse.GetValue(ModelOption)!;
        var clock = Stopwatch.StartNew();
        using CifFlowModel model = CifFiles.Load(modelPath);
        FashionMnist data = FashionMnist.Load(SweepOptionReader.Find<string?>(parse, "--data") is { } d ? parse.GetValue(d) : null);
        using IRansBackend backend = BackendFactory.Create(BackendKind.Cpu);
        console.Line(string.Create(inv, $"sweep {PresetName}: {modelPath} ({model.Identity.Description}), {images} images per side, {cells.Count} cells, {chains} chains, verify {(verify ? "on" : "off")} -> {directory}"));
        Directory.CreateDirectory(directory);
        var results = new List<Cell>();
        var sigma = new List<(string Side, int Bits, double Net, double Own, long Escapes)>();
        int sigmaImages = 0;
        foreach ((string side, ClassSet classes) in new[] { ("classes 0-4", ClassSet.Lower), ("classes 5-9", ClassSet.Upper) })
        {
            ImageSet set = data.Test.WhereClasses(classes).Take(images);
            if (set.Count < chains) throw new CliException($"{side} has {set.Count} test images, fewer than {chains} chains", ExitCodes.Usage);
            foreach (var (kind, n) in cells)
            {
                cancel.ThrowIfCancellationRequested();
                Cell cell = Code(side, set.Pixels, model, new FlowOptions { Coder = kind, Particles = n, Chains = chains, Seed = seed, Backend = backend }, set.Count, verify);
                results.Add(cell);
                console.Line(string.Create(inv,
                    $"[{side}] {Label(kind, n)} B={chains}: net {CodingText.Bits(cell.Net)} (own {CodingText.Bits(cell.Own)}), total {CodingText.Bits(cell.Total)} bits/dim, initial {cell.InitialPerChain:F0} bits/chain, escapes {cell.Escapes}, encode {cell.EncodeSeconds:F1} s, decode {cell.DecodeSeconds:F1} s, round trip {(cell.RoundTrip is bool b ? (b ? "ok" : "FAILED") : "unchecked")}"));
            }
            int few = sigmaImages = Math.Min(set.Count, 100);
            for (int bits = 8; bits <= 18; bits += 2)
            {
                cancel.ThrowIfCancellationRequested();
                FlowEncodeResult r = FlowCodec.Encode(set.Pixels.AsSpan(0, few * set.PixelsPerImage), model,
                    new FlowOptions { SigmaBits = bits, Chains = few, Seed = seed, Backend = backend });
                sigma.Add((side, bits, r.NetBitsPerDim, r.EstimatorBitsPerDim, r.Escapes));
            }
        }
        // Initial bits against depth: untrained networks of the checkpoint's shape at L = 1, 2, 4, 8 (the initial bits are the
        // first pops, which do not depend on training), one image, Bit-Swap against naive.
        byte[] first = data.Test.WhereClasses(ClassSet.Lower).Take(1).Pixels;
        var depth = new List<(int Layers, double BitSwap, double Naive)>();
        foreach (int layers in new[] { 1, 2, 4, 8 })
        {
            cancel.ThrowIfCancellationRequested();
            CifNetworkShape shape = model.Header.Shape with { Layers = layers };
            var network = new CifNetwork(shape, seed: 1);
            using var untrained = new CifFlowModel(network, new CifCheckpointHeader { Shape = shape, Fingerprint = ModelFingerprint.Compute(network) });
            double Initial(FlowCoderKind kind) => FlowCodec.Encode(first, untrained, new FlowOptions { Coder = kind, Seed = seed, Backend = backend }).InitialBits;
            depth.Add((layers, Initial(FlowCoderKind.BitSwap), Initial(FlowCoderKind.Naive)));
        }
        string runs = Path.Combine(directory, "runs.csv"), sigmaCsv = Path.Combine(directory, "sigma.csv"), table = Path.Combine(directory, "table.md"),
            plot = Path.Combine(directory, "net.png"), initialCsv = Path.Combine(directory, "initial.csv"), initialPlot = Path.Combine(directory, "initial.png");
        AtomicFile.WriteAllBytes(initialCsv, Encoding.UTF8.GetBytes("layers,bitswap_initial_bits,naive_initial_bits\n" +
            string.Concat(depth.Select(d => string.Create(inv, $"{d.Layers},{d.BitSwap:R},{d.Naive:R}\n")))));
        AtomicFile.WriteAllBytes(initialPlot, DepthPlot(depth));
        AtomicFile.WriteAllBytes(runs, Encoding.UTF8.GetBytes(RunsCsv(results)));
        AtomicFile.WriteAllBytes(sigmaCsv, Encoding.UTF8.GetBytes("side,sigma_bits,net_bits_per_dim,own_estimate_bits_per_dim,escapes\n" +
            string.Concat(sigma.Select(s => string.Create(inv, $"{s.Side},{s.Bits},{s.Net:R},{s.Own:R},{s.Escapes}\n")))));
        string markdown = Markdown(modelPath, model, results, sigma, sigmaImages, chains, clock.Elapsed.TotalSeconds) +
            "\nInitial bits of one image against L (untrained networks of this shape)\n\n| L | Bit-Swap | naive |\n|---|---|---|\n" +
            string.Concat(depth.Select(d => string.Create(inv, $"| {d.Layers} | {d.BitSwap:F0} | {d.Naive:F0} |\n")));
        AtomicFile.WriteAllBytes(table, Encoding.UTF8.GetBytes(markdown));
        AtomicFile.WriteAllBytes(plot, Plot(results));
        console.Line(markdown);
        console.Line($"wrote 6 files to {Path.GetFullPath(directory)}: runs.csv, sigma.csv, initial.csv, table.md, net.png, initial.png");
        if (results.Any(r => r.RoundTrip == false))
            throw new CliException("some messages did not decode back to their images (see round_trip in runs.csv)", ExitCodes.VerificationFailed);
        return ExitCodes.Ok;
    }

    private static Cell Code(string side, byte[] pixels, CifFlowModel model, FlowOptions options, int images, bool verify)
    {
        (FlowEncodeResult r, double decodeSeconds, bool? ok) = FlowRoundTrip.Run(pixels, model, options, verify);
        return new Cell(side, options.Coder, options.Particles, options.Chains, images, r.NetBitsPerDim, r.EstimatorBitsPerDim, r.TotalBitsPerDim,
            r.InitialBits / options.Chains, r.Escapes, McbMessageFile.ToBytes(r.Message).LongLength, r.Seconds, decodeSeconds, ok);
    }

    private static string Label(FlowCoderKind kind, int n) => kind.Label(n);

    private static string RunsCsv(IEnumerable<Cell> cells)
    {
        var sb = new StringBuilder("side,coder,particles,chains,images,net_bits_per_dim,own_estimate_bits_per_dim,total_bits_per_dim,initial_bits_per_chain,escapes,file_bytes,encode_seconds,decode_seconds,round_trip\n");
        foreach (Cell c in cells)
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{c.Side},{Label(c.Coder, c.N)},{c.N},{c.Chains},{c.Images},{c.Net:R},{c.Own:R},{c.Total:R},{c.InitialPerChain:R},{c.Escapes},{c.FileBytes},{c.EncodeSeconds:R},{c.DecodeSeconds:R},{(c.RoundTrip is bool b ? (b ? "true" : "false") : "")}\n"));
        return sb.ToString();
    }

    private static string Markdown(string modelPath, CifFlowModel model, List<Cell> cells, List<(string Side, int Bits, double Net, double Own, long Escapes)> sigma,
        int sigmaImages, int chains, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(string.Create(inv, $"## {PresetName}: {Path.GetFileName(modelPath)} ({model.Identity.Description}), {chains} chains, {seconds:F0} s\n\n"));
        sb.Append("net bits/dim (own estimate) · total · initial bits per chain · escapes · encode / decode s\n\n| coder | side | net (own) | total | initial | escapes | encode / decode |\n|---|---|---|---|---|---|---|\n");
        foreach (Cell c in cells)
            sb.Append(string.Create(inv, $"| {Label(c.Coder, c.N)} | {c.Side} | {c.Net:F4} ({c.Own:F4}) | {c.Total:F4} | {c.InitialPerChain:F0} | {c.Escapes} | {c.EncodeSeconds:F1} / {c.DecodeSeconds:F1} |\n"));
        sb.Append(string.Create(inv, $"\nBit-Swap against sigma (the first {sigmaImages} images, one a chain): net (own), escapes\n\n| sigma | ") + string.Join(" | ", sigma.Select(s => s.Side).Distinct()) + " |\n|---|" +
            string.Concat(sigma.Select(s => s.Side).Distinct().Select(_ => "---|")) + "\n");
        foreach (int bits in sigma.Select(s => s.Bits).Distinct())
            sb.Append(string.Create(inv, $"| 2^-{bits} | ") + string.Join(" | ", sigma.Where(s => s.Bits == bits).Select(s => string.Create(inv, $"{s.Net:F4} ({s.Own:F4}), {s.Escapes}"))) + " |\n");
        return sb.ToString();
    }

    private static byte[] Plot(List<Cell> cells)
    {
        var plot = new Plot();
        plot.Title("fashion-cif: net bits/dim against N (dashed: Bit-Swap, dotted: naive)");
        plot.XLabel("N (index particles)");
        plot.YLabel("net bits/dim");
        foreach (string side in cells.Select(c => c.Side).Distinct())
        {
            foreach (FlowCoderKind kind in new[] { FlowCoderKind.ImportanceSampling, FlowCoderKind.CoupledImportanceSampling })
            {
                Cell[] importance = cells.Where(c => c.Side == side && c.Coder == kind).OrderBy(c => c.N).ToArray();
                if (importance.Length == 0) continue;
                var line = plot.Add.Scatter(importance.Select(c => Math.Log2(c.N)).ToArray(), importance.Select(c => c.Net).ToArray());
                line.LegendText = $"{(kind == FlowCoderKind.ImportanceSampling ? "LBB-IS" : "LBB-CIS")}, {side}";
            }
            foreach (Cell c in cells.Where(c => c.Side == side && !c.Coder.HasParticles()))
            {
                var h = plot.Add.HorizontalLine(c.Net);
                h.LinePattern = c.Coder == FlowCoderKind.BitSwap ? LinePattern.Dashed : LinePattern.Dotted;
                h.LegendText = $"{Label(c.Coder, c.N)}, {side}";
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 11).Select(i => (double)i).ToArray(), Enumerable.Range(0, 11).Select(i => (1 << i).ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(900, 560, ImageFormat.Png);
    }

    private static byte[] DepthPlot(List<(int Layers, double BitSwap, double Naive)> depth)
    {
        var plot = new Plot();
        plot.Title("fashion-cif: initial bits of one image against L");
        plot.XLabel("layers L");
        plot.YLabel("initial bits");
        double[] x = depth.Select(d => (double)d.Layers).ToArray();
        plot.Add.Scatter(x, depth.Select(d => d.BitSwap).ToArray()).LegendText = "LBB-BitSwap";
        plot.Add.Scatter(x, depth.Select(d => d.Naive).ToArray()).LegendText = "LBB-Naive";
        plot.Axes.SetLimitsY(0, depth.Max(d => Math.Max(d.BitSwap, d.Naive)) * 1.1);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(900, 560, ImageFormat.Png);
    }

    private static IReadOnlyList<(FlowCoderKind, int)> Cells(string? coders, string? particles)
    {
        int[] ns = particles is null ? [1, 4, 16] : particles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => SweepOptionReader.Positive(p, "--particles")).ToArray();
        string[] names = coders is null ? ["lbb-bitswap", "lbb-naive", "lbb-is", "lbb-cis"] : coders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cells = new List<(FlowCoderKind, int)>();
        foreach (string name in names)
        {
            if (!CifFiles.Coders.TryGetValue(name, out FlowCoderKind kind))
                throw new CliException($"--coders: '{name}' does not run on a CIF; use {string.Join(", ", CifFiles.Coders.Keys)}", ExitCodes.Usage);
            if (kind.HasParticles() && ns.Any(n => n > FlowOptions.MaxParticles))
                throw new CliException($"--particles: at most {FlowOptions.MaxParticles} index particles", ExitCodes.Usage);
            if (kind.HasParticles()) cells.AddRange(ns.Distinct().Order().Select(n => (kind, n)));
            else cells.Add((kind, 1));
        }
        return cells.Distinct().ToArray();
    }
}
