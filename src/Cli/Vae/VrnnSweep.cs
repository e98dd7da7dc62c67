// VrnnSweep: the fashion-vrnn results table (issue 13). For each VRNN checkpoint (one per training objective) and each side
// (the model's test classes "in", the others "out") it takes the first `images` Fashion-MNIST test images, binarises them by the
// checkpoint's rule and reads each as a sequence of its rows; scores the float model (−ELBO, −IWAE(N), −FIVO(N) for every N of
// the cells, VrnnEvaluator, seed 1); codes them with every (coder, N) cell on B chains and decodes each message to check the
// round trip. The coder's own bound is its estimator (−log2 p̂ on the coder's quantised tables) from a second encode with every
// sequence alone on its chain, so each first draw reads clean seeded bits (as SweepRunner measures the toy coders). table.md puts
// net and total bits/dim beside the bounds, the savings against BB-ELBO, BB-CSMC against BB-SMC for messages of 1 to 100
// images, and the generic codecs on the same images; net-<model>-<side>.png and initial-<model>.png plot them against N.
using System.Globalization;
using System.Text;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems;
using Engine.Systems.Vae;

namespace Engine.Cli.Vae;

/// <summary>Runs the fashion-vrnn sweep and formats its outputs.</summary>
internal static class VrnnSweep
{
    /// <summary>The default cells: BB-ELBO, then BB-IS, BB-SMC and BB-CSMC at N = 1, 4, 16.</summary>
    public static IReadOnlyList<(CoderVariant Coder, int N)> DefaultCells { get; } =
    [
        (CoderVariant.Parse("bb-elbo"), 1),
        .. new[] { "bb-is", "bb-smc", "bb-csmc" }.SelectMany(c => new[] { 1, 4, 16 }.Select(n => (CoderVariant.Parse(c), n))),
    ];

    /// <summary>The sides of one model: its test classes and the others, each scored by the float model at every N.</summary>
    public static List<VrnnSweepSide> Prepare(string modelPath, VrnnModel model, FashionMnist data, int images, IEnumerable<int> ns)
    {
        VrnnCheckpointHeader header = model.Header ?? throw new InvalidOperationException("A sweep needs a model loaded from a checkpoint.");
        ClassSet classes = ClassSet.Parse(header.Classes);
        var sides = new List<(string, ClassSet)> { ("in", classes) };
        if (!classes.Complement.IsEmpty) sides.Add(("out", classes.Complement));
        string objective = header.Training is { } t ? $"{t.Objective.ToString().ToLowerInvariant()}({t.Particles})" : "?";
        var (network, _) = VrnnCheckpoint.Load(modelPath);
        using (network)
        {
            var result = new List<VrnnSweepSide>();
            foreach (var (name, set) in sides)
            {
                BinaryImages bits = model.Prepare(data.Test.WhereClasses(set).Take(images));
                var scores = new SortedDictionary<int, VrnnScore>();
                foreach (int n in ns.Append(1).Distinct().Order()) scores[n] = VrnnEvaluator.Evaluate(network, bits, n, seed: 1);
                result.Add(new VrnnSweepSide(Path.GetFileName(modelPath), objective, name, set, bits, scores, []));
            }
            return result;
        }
    }

    /// <summary>Codes one side with one cell (and decodes it unless <paramref name="verify"/> is off).</summary>
    public static VrnnSweepCell Code(VrnnSweepSide side, VrnnModel model, VaeLatentGrid grid, CoderVariant coder, int n, int chains, ulong seed,
        IRansBackend backend, bool verify)
    {
        CoderOptions options = coder.ToOptions(n, chains, seed) with { Backend = backend };
        EncodeResult r = VrnnCodec.Encode(side.Sequences, model, options, grid);
        double decodeSeconds = double.NaN;
        bool? ok = null;
        if (verify)
        {
            try
            {
                using IDisposable own = DecodeBudget.Use(DecodeBudget.Unlimited); // our own message, just encoded
                DecodeResult d = VrnnCodec.Decode(McbMessageFile.Read(McbMessageFile.ToBytes(r.Message)), model, backend);
                decodeSeconds = d.Seconds;
                ok = d.Data.AsSpan().SequenceEqual(side.Sequences.Bits);
            }
            catch (McbFormatException)
            {
                ok = false;
            }
        }
        int pixels = side.Sequences.PixelsPerImage;
        EncodeResult clean = side.Sequences.Count == chains ? r
            : VrnnCodec.Encode(side.Sequences, model, options with { Chains = side.Sequences.Count }, grid);
        return new VrnnSweepCell(coder, n, chains, r.NetBitsPerSymbol, r.TotalBitsPerSymbol, clean.EstimatorBitsPerUnit / pixels,
            clean.EstimatorStandardError / pixels, r.EstimatorBitsPerUnit / pixels, r.InitialBitsPerChain, r.FileBytes, r.Seconds, decodeSeconds, ok);
    }

    /// <summary>The cells as sweep records (the shared runs.csv / sweep.csv schema): a unit is an image of rows × cols pixels; the
    /// model's −ELBO and its −FIVO(16) (or the largest N scored) as −log2 p(x) per image; the coder's bound from its encode run.</summary>
    public static IEnumerable<SweepRecord> Records(IEnumerable<VrnnSweepSide> sides, ulong seed)
    {
        foreach (VrnnSweepSide s in sides)
        {
            int pixels = s.Sequences.PixelsPerImage;
            VrnnScore best = s.Scores.Last().Value;
            foreach (VrnnSweepCell c in s.Cells)
                yield return new SweepRecord(NeuralTool.VrnnSweepPreset, s.Model, s.Objective, "", s.Name, c.Coder.Name, c.Particles, c.Chains, seed,
                    "image", s.Sequences.Count, pixels, c.NetBitsPerDim * pixels, c.TotalBitsPerDim * pixels, c.InitialBitsPerChain, c.InitialBitsPerChain,
                    c.EncodeSeconds / s.Sequences.Count, c.DecodeSeconds / s.Sequences.Count, c.FileBytes, c.RoundTrip, double.NaN,
                    s.Scores.First().Value.NegElboBitsPerDim * pixels, best.NegFivoBitsPerDim * pixels, c.OwnBoundBitsPerDim * pixels, c.OwnBoundStandardError * pixels);
        }
    }

    /// <summary>net-&lt;model&gt;-&lt;side&gt;.png (net bits/dim against N per coder, each coder's own bound dashed, the float model's −ELBO
    /// and −FIVO at the largest N as lines) and initial-&lt;model&gt;.png (initial bits per chain against N). Returns the paths.</summary>
    public static string[] WritePlots(string directory, IReadOnlyList<VrnnSweepSide> sides, IReadOnlyList<SweepCell> cells)
    {
        var paths = new List<string>();
        foreach (VrnnSweepSide s in sides)
        {
            SweepCell[] mine = cells.Where(c => c.Model == s.Model && c.Side == s.Name).ToArray();
            if (mine.Length == 0) continue;
            double pixels = s.Sequences.PixelsPerImage;
            var (n, best) = (s.Scores.Last().Key, s.Scores.Last().Value);
            ScottPlot.Plot plot = Sweep.SweepPlots.Build(mine, c => c.NetBitsPerUnit / pixels,
                $"{Stem(s.Model)} {s.Name} (classes {s.Classes}): net bits/dim, dashed: own bound", "net bits/dim",
                [("model −ELBO", s.Scores.First().Value.NegElboBitsPerDim), ($"model −IWAE({n})", best.NegIwaeBitsPerDim), ($"model −FIVO({n})", best.NegFivoBitsPerDim)],
                bound: c => c.CoderBoundBitsPerUnit / pixels);
            paths.Add(Sweep.SweepPlots.SavePng(directory, $"net-{Stem(s.Model)}-{s.Name}.png", plot));
        }
        foreach (string model in sides.Select(s => s.Model).Distinct())
        {
            SweepCell[] mine = cells.Where(c => c.Model == model && c.Side == "in").ToArray();
            if (mine.Length == 0) continue;
            ScottPlot.Plot plot = Sweep.SweepPlots.Build(mine, c => c.InitialBitsOneUnit, $"{Stem(model)}: initial bits per chain", "initial bits (log2 scale)", [], logY: true);
            paths.Add(Sweep.SweepPlots.SavePng(directory, $"initial-{Stem(model)}.png", plot));
        }
        return [.. paths];
    }

    private static string Stem(string model) => Path.GetFileNameWithoutExtension(model);

    /// <summary>table.md: per model and side, net / total bits/dim per cell beside the float model's bounds and the coder's own,
    /// the savings against BB-ELBO, BB-CSMC against BB-SMC for short messages, and the generic codecs.</summary>
    public static string Markdown(IReadOnlyList<VrnnSweepSide> sides, IReadOnlyDictionary<string, IReadOnlyList<BaselineResult>> baselines,
        IReadOnlyDictionary<string, (string Label, double NetBitsPerDim)> vae, VaeLatentGrid grid, int chains, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string[] sideNames = sides.Select(s => s.Name).Distinct().ToArray();
        string Head(string side)
        {
            VrnnSweepSide s = sides.First(x => x.Name == side);
            return $"{(side == "in" ? "in distribution" : "out of distribution")} (classes {s.Classes}, {s.Sequences.Count} images)";
        }
        sb.Append(inv, $"Binarised Fashion-MNIST test images read row by row (28 steps of 28 pixels), {chains} chain(s), latents on {grid}; bits per pixel (bits/dim). ");
        sb.Append("Own bound: the coder's −log2 p̂ on its quantised tables, every image alone on its chain (clean bits); model bounds: the float network's, 1 sample path each (seed 1).\n\n");
        sb.Append("| model | coder | ").AppendJoin(" | ", sideNames.Select(s => Head(s) + " net | own bound | total")).Append(" |\n");
        sb.Append("|---|---|").Append(string.Concat(sideNames.Select(_ => "---:|---:|---:|"))).Append('\n');
        foreach (string model in sides.Select(s => s.Model).Distinct())
        {
            VrnnSweepSide[] mine = sides.Where(s => s.Model == model).ToArray();
            string name = $"{Stem(model)} ({mine[0].Objective})";
            foreach (string label in mine[0].Cells.Select(c => c.Label))
            {
                sb.Append(inv, $"| {name} | {label}");
                foreach (VrnnSweepSide s in mine)
                {
                    VrnnSweepCell? c = s.Cells.FirstOrDefault(x => x.Label == label);
                    sb.Append(c is null ? " | – | – | –" : string.Create(inv, $" | {c.NetBitsPerDim:F4} | {c.OwnBoundBitsPerDim:F4} | {c.TotalBitsPerDim:F4}"));
                }
                sb.Append(" |\n");
            }
            foreach (int n in mine[0].Scores.Keys)
            {
                if (n == 1) Bound(sb, name, "model −ELBO", mine.Select(s => s.Scores[1].NegElboBitsPerDim));
                else
                {
                    Bound(sb, name, $"model −IWAE({n})", mine.Select(s => s.Scores[n].NegIwaeBitsPerDim));
                    Bound(sb, name, $"model −FIVO({n})", mine.Select(s => s.Scores[n].NegFivoBitsPerDim));
                }
            }
        }
        foreach (var (side, (label, net)) in vae.OrderBy(v => v.Key))
            sb.Append(inv, $"\nVAE on the same images ({side}): {label} net {net:F4} bits/dim.");
        if (vae.Count > 0) sb.Append('\n');
        sb.Append("\n| generic codec | ").AppendJoin(" | ", sideNames.Select(Head)).Append(" |\n|---|").Append(string.Concat(sideNames.Select(_ => "---:|"))).Append('\n');
        foreach (string codec in baselines.First().Value.Select(b => b.Codec))
        {
            sb.Append("| ").Append(codec);
            foreach (string side in sideNames)
                sb.Append(baselines.TryGetValue(side, out var list) && list.First(b => b.Codec == codec).BitsPerDim is double v && !double.IsNaN(v)
                    ? string.Create(inv, $" | {v:F4}") : " | –");
            sb.Append(" |\n");
        }
        sb.Append('\n');
        foreach (VrnnSweepSide s in sides)
        {
            VrnnSweepCell? elbo = s.Cells.FirstOrDefault(c => c.Coder.Kind == CoderKind.BbElbo);
            foreach (VrnnSweepCell c in s.Cells.Where(c => c.Coder.Kind != CoderKind.BbElbo && c.Particles > 1))
            {
                string saving = elbo is null ? "" : string.Create(inv, $"saves {100 * (1 - c.NetBitsPerDim / elbo.NetBitsPerDim):F2} % net against BB-ELBO; ");
                sb.Append(inv, $"* {Stem(s.Model)} {s.Name}: {c.Label} {saving}net {Excess(c.NetBitsPerDim, c.OwnBoundBitsPerDim)} % from its own bound (± {c.OwnBoundStandardError:F4})");
                double model = c.Coder.Kind is CoderKind.BbIs or CoderKind.BbCis
                    ? s.Scores.TryGetValue(c.Particles, out var sc) ? sc.NegIwaeBitsPerDim : double.NaN
                    : s.Scores.TryGetValue(c.Particles, out var sf) ? sf.NegFivoBitsPerDim : double.NaN;
                if (!double.IsNaN(model))
                    sb.Append(inv, $", {Excess(c.NetBitsPerDim, model)} % from the float model's −{(c.Coder.Kind is CoderKind.BbIs or CoderKind.BbCis ? "IWAE" : "FIVO")}({c.Particles})");
                sb.Append(".\n");
            }
            if (elbo is not null)
                sb.Append(inv, $"* {Stem(s.Model)} {s.Name}: BB-ELBO net {Excess(elbo.NetBitsPerDim, elbo.OwnBoundBitsPerDim)} % from its own bound (± {elbo.OwnBoundStandardError:F4}), {Excess(elbo.NetBitsPerDim, s.Scores[1].NegElboBitsPerDim)} % from the float model's −ELBO.\n");
        }
        sb.Append("\nBB-CSMC against BB-SMC for a message of n images on one chain (total bits = initial + n × net per image):\n\n");
        foreach (VrnnSweepSide s in sides.Where(s => s.Name == "in"))
            foreach (VrnnSweepCell smc in s.Cells.Where(c => c.Coder.Kind == CoderKind.BbSmc && c.Particles > 1))
                if (s.Cells.FirstOrDefault(c => c.Coder.Kind == CoderKind.BbCsmc && c.Particles == smc.Particles) is { } csmc)
                {
                    int pixels = s.Sequences.PixelsPerImage;
                    string Totals(VrnnSweepCell c) => string.Join(" / ", new[] { 1, 10, 100 }.Select(n => (c.InitialBitsPerChain + n * c.NetBitsPerDim * pixels).ToString("F0", inv)));
                    sb.Append(inv, $"* {Stem(s.Model)} N={smc.Particles}: initial bits {smc.InitialBitsPerChain:F0} (BB-SMC) vs {csmc.InitialBitsPerChain:F0} (BB-CSMC); " +
                        $"total bits for 1 / 10 / 100 images {Totals(smc)} vs {Totals(csmc)}.\n");
                }
        double drift = sides.SelectMany(s => s.Cells).Max(c => Math.Abs(c.NetBitsPerDim - c.RunEstimateBitsPerDim));
        sb.Append(inv, $"\nEvery cell's net is within {drift:F5} bits/dim of the estimate −log2 p̂ of its own encode run (the same draws and table logs: what the rANS coding itself loses).\n");
        bool all = sides.All(s => s.Cells.All(c => c.RoundTrip == true));
        sb.Append(inv, $"\nRound trips: {(all ? "every message decoded back exactly" : "NOT all verified; see runs.csv")}; {sides.Sum(s => s.Cells.Count)} cells; {seconds:F0} s in all.\n");
        return sb.ToString();
    }

    // 100 (value / reference - 1) as a signed percentage with two decimals.
    private static string Excess(double value, double reference) =>
        double.IsNaN(value) || double.IsNaN(reference) ? "n/a" : (Math.Round(100 * (value / reference - 1), 2) + 0.0).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static void Bound(StringBuilder sb, string model, string label, IEnumerable<double> values)
    {
        sb.Append(CultureInfo.InvariantCulture, $"| {model} | {label}");
        foreach (double v in values) sb.Append(string.Create(CultureInfo.InvariantCulture, $" | {v:F4} | | "));
        sb.Append(" |\n");
    }
}
