// VaeSweep: the fashion-vae results table (issue 6). For the model's own test classes ("in") and the other
// classes ("out") it takes the first `images` Fashion-MNIST test images, binarises them with the checkpoint's
// rule, scores the model (−ELBO, −IWAE(50): VaeEvaluator, seed 1), measures gzip / xz / PNG, and codes them
// with every (coder, N) cell on B chains, decoding each message to check the round trip. Writes runs.csv
// (every cell) and table.md (net and total bits/dim beside the bounds and the baselines, with BB-IS(50)'s
// saving over BB-ELBO and its gap to −IWAE(50)).
using System.Globalization;
using System.Text;
using Engine.Ans.Messages;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Vae;

using Engine.Cli.Coding;

namespace Engine.Cli.Vae;

/// <summary>Runs the fashion-vae sweep and formats its outputs.</summary>
internal static class VaeSweep
{
    /// <summary>The default cells: BB-ELBO, BB-IS and BB-CIS at N = 1, 5, 50.</summary>
    public static IReadOnlyList<(CoderKind Kind, int N)> DefaultCells { get; } =
    [
        (CoderKind.BbElbo, 1), (CoderKind.BbIs, 1), (CoderKind.BbIs, 5), (CoderKind.BbIs, 50),
        (CoderKind.BbCis, 1), (CoderKind.BbCis, 5), (CoderKind.BbCis, 50),
    ];

    /// <summary>Loads the sides' images and measures the model's scores and the baselines on them.</summary>
    public static List<VaeSweepSide> Prepare(string modelPath, VaeModel model, FashionMnist data, int images, VaeLatentGrid grid, IEnumerable<int> ks)
    {
        ClassSet classes = ClassSet.Parse(model.Header.Classes);
        var sides = new List<(string, ClassSet)> { ("in", classes) };
        if (!classes.Complement.IsEmpty) sides.Add(("out", classes.Complement));
        var (vae, _) = VaeCheckpoint.Load(modelPath);
        using (vae)
        {
            var result = new List<VaeSweepSide>();
            foreach (var (name, set) in sides)
            {
                BinaryImages bits = model.Prepare(data.Test.WhereClasses(set).Take(images));
                VaeScore score = VaeEvaluator.Evaluate(vae, bits, k: 50, seed: 1);
                var side = new VaeSweepSide(name, set, bits, score, BaselineCodecs.MeasureAll(bits), []);
                foreach (int k in ks.Append(50).Where(k => k > 1).Distinct().Order())
                    side.CoderBounds[k] = VaeCoderBound.Measure(model, grid, bits, k, seed: 1);
                result.Add(side);
            }
            return result;
        }
    }

    /// <summary>Codes one side with one cell (and decodes it unless <paramref name="verify"/> is off).</summary>
    public static VaeSweepCell Code(VaeSweepSide side, VaeModel model, VaeLatentGrid grid, CoderKind kind, int n, int chains, ulong seed, IRansBackend backend, bool verify)
    {
        var options = new CoderOptions { Kind = kind, Particles = n, Chains = chains, Seed = seed, Backend = backend };
        EncodeResult r = VaeCodec.Encode(side.Images, model, options, grid);
        double decodeSeconds = double.NaN;
        bool? ok = null;
        if (verify)
        {
            try
            {
                using IDisposable own = DecodeBudget.Use(DecodeBudget.Unlimited); // our own message, just encoded
                DecodeResult d = VaeCodec.Decode(McbMessageFile.Read(McbMessageFile.ToBytes(r.Message)), model, backend);
                decodeSeconds = d.Seconds;
                ok = d.Data.AsSpan().SequenceEqual(side.Images.Bits);
            }
            catch (McbFormatException)
            {
                ok = false;
            }
        }
        return new VaeSweepCell(side.Name, kind, n, chains, side.Images.Count, r.NetBitsPerSymbol, r.TotalBitsPerSymbol,
            r.InitialBitsPerChain, r.FileBytes, r.Seconds, decodeSeconds, ok);
    }

    /// <summary>The cells as sweep records (the shared runs.csv / sweep.csv schema): one seed per cell, a unit is an image of
    /// rows × cols pixels, the bounds are the side's −ELBO and −IWAE(50) (as −log2 p(x)) per image.</summary>
    public static IEnumerable<SweepRecord> Records(string modelPath, IEnumerable<VaeSweepSide> sides, ulong seed)
    {
        string model = Path.GetFileName(modelPath);
        foreach (VaeSweepSide s in sides)
        {
            int pixels = s.Images.Rows * s.Images.Cols;
            foreach (VaeSweepCell c in s.Cells)
            {
                (double bound, double error) = s.CoderBoundOf(c.Coder, c.Particles);
                yield return new SweepRecord(NeuralTool.VaeSweepPreset, model, "", "", s.Name, CoderNames.ToName(c.Coder), c.Particles, c.Chains, seed,
                    "image", c.Images, pixels, c.NetBitsPerDim * pixels, c.TotalBitsPerDim * pixels, c.InitialBitsPerChain, double.NaN,
                    c.EncodeSeconds / c.Images, c.DecodeSeconds / c.Images, c.FileBytes, c.RoundTrip, double.NaN,
                    s.Score.NegElboBitsPerDim * pixels, s.Score.NegIwaeBitsPerDim * pixels, bound * pixels, error * pixels);
            }
        }
    }

    /// <summary>net-in.png and net-out.png: net bits/dim against N per coder, each coder's own bound on its quantised tables dashed
    /// in its colour, the float model's −ELBO and −IWAE(50) as lines. Returns the paths.</summary>
    public static string[] WritePlots(string directory, IReadOnlyList<VaeSweepSide> sides, IReadOnlyList<SweepCell> cells)
    {
        var paths = new List<string>();
        foreach (VaeSweepSide s in sides)
        {
            SweepCell[] side = cells.Where(c => c.Side == s.Name).ToArray();
            if (side.Length == 0) continue;
            double pixels = s.Images.Rows * s.Images.Cols;
            ScottPlot.Plot plot = Sweep.SweepPlots.Build(side, c => c.NetBitsPerUnit / pixels,
                $"{s.Name} (classes {s.Classes}): net bits/dim, dashed: own bound", "net bits/dim",
                [("model −ELBO", s.Score.NegElboBitsPerDim), ("model −IWAE(50)", s.Score.NegIwaeBitsPerDim)], bound: c => c.CoderBoundBitsPerUnit / pixels);
            paths.Add(Sweep.SweepPlots.SavePng(directory, PlotFile(s.Name), plot));
        }
        return [.. paths];
    }

    /// <summary>The plot of side <paramref name="side"/> ("in" or "out").</summary>
    public static string PlotFile(string side) => $"net-{side}.png";

    /// <summary>table.md: net / total bits/dim per coder and side, beside the bounds and the baselines.</summary>
    public static string Markdown(string modelPath, VaeModel model, VaeLatentGrid grid, IReadOnlyList<VaeSweepSide> sides, int chains, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string Head(VaeSweepSide s) => $"{(s.Name == "in" ? "in distribution" : "out of distribution")} (classes {s.Classes}, {s.Images.Count} images)";
        sb.Append(inv, $"Model `{modelPath}` ({VaeCodec.Description(model)}), {chains} chain(s) per side, latents on {grid}, bits per pixel (bits/dim).\n\n");
        sb.Append("| method | ").AppendJoin(" | ", sides.Select(s => Head(s) + " net | total")).Append(" |\n");
        sb.Append("|---|").Append(string.Concat(sides.Select(_ => "---:|---:|"))).Append('\n');
        foreach (string label in sides[0].Cells.Select(c => c.Label).Distinct())
        {
            sb.Append("| ").Append(label);
            foreach (VaeSweepSide s in sides)
            {
                VaeSweepCell? c = s.Cells.FirstOrDefault(x => x.Label == label);
                sb.Append(c is null ? " | – | –" : string.Create(inv, $" | {c.NetBitsPerDim:F4} | {c.TotalBitsPerDim:F4}"));
            }
            sb.Append(" |\n");
        }
        Row(sb, "model −ELBO", sides.Select(s => s.Score.NegElboBitsPerDim));
        Row(sb, "model −IWAE(50)", sides.Select(s => s.Score.NegIwaeBitsPerDim));
        if (sides.All(s => s.CoderBounds.Count > 0))
        {
            Row(sb, "−ELBO on the coder's tables", sides.Select(s => s.CoderBounds.Last().Value.NegElboBitsPerDim));
            foreach (int k in sides[0].CoderBounds.Keys)
                Row(sb, $"−IWAE({k}) on the coder's tables", sides.Select(s => s.CoderBounds.TryGetValue(k, out var b) ? b.NegIwaeBitsPerDim : double.NaN));
        }
        foreach (string codec in sides[0].Baselines.Select(b => b.Codec))
            Row(sb, codec, sides.Select(s => s.Baselines.First(b => b.Codec == codec).BitsPerDim));
        sb.Append('\n');
        foreach (VaeSweepSide s in sides)
        {
            VaeSweepCell? elbo = s.Cells.FirstOrDefault(c => c.Coder == CoderKind.BbElbo);
            foreach (VaeSweepCell c in s.Cells.Where(c => c.Coder != CoderKind.BbElbo && c.Particles == s.Cells.Max(x => x.Particles)))
            {
                string saving = elbo is null ? "" : string.Create(inv, $"saves {100 * (1 - c.NetBitsPerDim / elbo.NetBitsPerDim):F2} % net against BB-ELBO, ");
                sb.Append(inv, $"* {s.Name}: {c.Label} {saving}net {Excess(c.NetBitsPerDim, s.Score.NegIwaeBitsPerDim)} % from −IWAE(50).\n");
            }
        }
        sb.Append("\nEach cell against its own bound on the coder's quantised tables (−ELBO for BB-ELBO, −IWAE(N) for BB-IS(N) and BB-CIS(N)) and against the float model's:\n\n");
        foreach (VaeSweepSide s in sides)
            foreach (VaeSweepCell c in s.Cells)
            {
                (double bound, double error) = s.CoderBoundOf(c.Coder, c.Particles);
                if (double.IsNaN(bound)) continue;
                double floatBound = c.Coder == CoderKind.BbElbo ? s.Score.NegElboBitsPerDim : c.Particles == 50 ? s.Score.NegIwaeBitsPerDim : double.NaN;
                string vsModel = double.IsNaN(floatBound) ? "" : string.Create(inv, $"; {Excess(c.NetBitsPerDim, floatBound)} % from the float model's");
                string se = double.IsNaN(error) ? "" : string.Create(inv, $" (± {error:F4})");
                sb.Append(inv, $"* {s.Name}: {c.Label} net {c.NetBitsPerDim:F4}, own bound {bound:F4}{se}, {Excess(c.NetBitsPerDim, bound)} %{vsModel}.\n");
            }
        bool all = sides.All(s => s.Cells.All(c => c.RoundTrip == true));
        sb.Append(inv, $"\nRound trips: {(all ? "every message decoded back exactly" : "NOT all verified; see runs.csv")}; {sides.Sum(s => s.Cells.Count)} cells; {seconds:F0} s in all.\n");
        return sb.ToString();
    }

    // 100 (value / reference - 1) as a signed percentage with two decimals ("+0.00", never "-+0.00" for a tiny negative).
    private static string Excess(double value, double reference) =>
        (Math.Round(100 * (value / reference - 1), 2) + 0.0).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder sb, string label, IEnumerable<double> values)
    {
        sb.Append("| ").Append(label);
        foreach (double v in values) sb.Append(string.Create(CultureInfo.InvariantCulture, $" | {v:F4} | {v:F4}"));
        sb.Append(" |\n");
    }
}
