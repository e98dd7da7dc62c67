// `mcbits train vrnn`: trains a VRNN on binarised Fashion-MNIST read row by row (28 steps of 28 pixels) with the ELBO,
// IWAE(N) or FIVO(N) bound (VrnnTrainingRun), printing a line every 100 steps and at the end of each epoch, and writes a
// fingerprinted checkpoint; ends with the held-out −ELBO, −IWAE(N) and −FIVO(N) in bits/dim, in and out of the trained
// classes. Shared options and their checks: TrainingOptionSet (its sample count is the particle count here, -N).
#if NEURAL
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Infrastructure;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>train vrnn</c> subcommand.</summary>
internal static class TrainVrnnCommand
{
    public static Command Create()
    {
        var cmd = new Command("vrnn", "Train a VRNN (GRU state, Gaussian latents per step) on binarised Fashion-MNIST read row by row, with the ELBO, IWAE(N) or FIVO(N) bound; write a checkpoint.");
        var objective = new Option<string>("--objective") { Description = "Bound to maximise: elbo (mean over the N particles), iwae or fivo (particle filter, resampling every step).", DefaultValueFactory = _ => "fivo" };
        var common = new TrainingOptionSet("0-4", "Classes to train on: 0-4, 5-9, all, or a list like 0,2,7-9 (the others are scored as out of distribution).",
            k: 4, "Particles N per sequence in the bound.", batch: 64, lr: 1e-3, "artifacts/vrnn-<objective>.ckpt",
            "Score at most this many test images per side.", kName: "--particles", "-N");
        var binarize = new Option<string>("--binarize") { Description = "threshold (pixel >= 128) or dynamic (Bernoulli(value/255), re-drawn each epoch).", DefaultValueFactory = _ => "threshold" };
        binarize.AcceptOnlyFromAmong("threshold", "dynamic");
        var hidden = new Option<int>("--hidden") { Description = "Recurrent (GRU) width H.", DefaultValueFactory = _ => VrnnShape.Default.Hidden };
        var features = new Option<int>("--features") { Description = "Feature width F of the x and z feature layers and of every head.", DefaultValueFactory = _ => VrnnShape.Default.Features };
        var latents = new Option<int>("--latents") { Description = "Gaussian latents Z per step.", DefaultValueFactory = _ => VrnnShape.Default.Latents };
        var evalN = new Option<int>("--eval-n") { Description = "Particles of the final held-out bounds.", DefaultValueFactory = _ => 16 };
        common.AddTo(cmd);
        foreach (Option o in new Option[] { objective, binarize, hidden, features, latents, evalN }) cmd.Options.Add(o);

        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            (double rate, ClassSet classSet) = common.Check(parse);
            TrainingOptionSet.AtLeast(parse.GetValue(hidden), 1, "--hidden");
            TrainingOptionSet.AtLeast(parse.GetValue(features), 1, "--features");
            TrainingOptionSet.AtLeast(parse.GetValue(latents), 1, "--latents");
            TrainingOptionSet.AtLeast(parse.GetValue(evalN), 1, "--eval-n");
            var shape = new VrnnShape(FashionMnist.Side, parse.GetValue(features), parse.GetValue(hidden), parse.GetValue(latents));
            if (shape.Problem() is { } bad) throw new CliException("network shape: " + bad, ExitCodes.Usage);
            string named = parse.GetValue(objective)!;
            // Checked here rather than by the parser, so a wrong name is one usage line like every other bad value.
            if (!Enum.TryParse(named, ignoreCase: true, out VrnnObjectiveKind kind) || !Enum.IsDefined(kind) || int.TryParse(named, out _))
                throw new CliException($"--objective {named}: must be elbo, iwae or fivo", ExitCodes.Usage);
            // The default file is named after the objective, so runs of the three bounds do not overwrite one another.
            string output = parse.GetResult(common.Output) is { Implicit: false }
                ? parse.GetValue(common.Output)!
                : Path.Combine("artifacts", $"vrnn-{kind.ToString().ToLowerInvariant()}.ckpt");
            var spec = new VrnnRunSpec
            {
                DataDirectory = parse.GetValue(common.Data),
                Classes = classSet,
                Binarization = parse.GetValue(binarize) == "dynamic" ? BinarizationMode.Dynamic : BinarizationMode.Threshold,
                Shape = shape,
                Training = new VrnnTrainingOptions
                {
                    Objective = kind, Particles = parse.GetValue(common.K), Epochs = parse.GetValue(common.Epochs), BatchSize = parse.GetValue(common.Batch),
                    LearningRate = rate, Seed = parse.GetValue(common.Seed), Threads = parse.GetValue(common.Threads),
                },
                EvalParticles = parse.GetValue(evalN),
                TrainLimit = parse.GetValue(common.TrainLimit),
                EvalLimit = parse.GetValue(common.EvalLimit),
                OutputPath = output,
                Overwrite = parse.GetValue(common.Force),
            };
            AtomicFile.CheckWritable(spec.OutputPath, spec.Overwrite); // before hours of training, not after
            return Run(console, spec);
        }));
        return cmd;
    }

    private static int Run(CliConsole console, VrnnRunSpec spec)
    {
        var t = spec.Training;
        var inv = CultureInfo.InvariantCulture;
        string bound = $"{t.Objective.ToString().ToUpperInvariant()}({t.Particles})";
        int dims = FashionMnist.Side * spec.Shape.Symbols;
        console.Line(string.Create(inv,
            $"training VRNN {spec.Shape} on classes {spec.Classes} ({spec.Binarization.ToString().ToLowerInvariant()} binarisation): {bound}, {t.Epochs} epochs, batch {t.BatchSize}, lr {t.LearningRate}, seed {t.Seed}, {t.Threads} thread(s)"));
        VrnnCheckpointHeader header = TrainingOptionSet.Translate(() => VrnnTrainingRun.Run(spec, p =>
        {
            if (p.Step % 100 == 0 || p.Step == p.StepsPerEpoch)
                console.Line(string.Create(inv,
                    $"epoch {p.Epoch}/{t.Epochs} step {p.Step}/{p.StepsPerEpoch}  train -{bound} {IwaeObjective.NatsToBitsPerDim(-p.EpochMeanLoss, dims):F4} bits/dim  {p.EpochSeconds:F1} s"));
        }));
        double perEpoch = t.Epochs == 0 ? 0 : header.TrainSeconds / t.Epochs;
        console.Line(string.Create(inv, $"wrote {spec.OutputPath}  fingerprint {header.Fingerprint}  ({header.TrainSeconds:F0} s, {perEpoch:F1} s/epoch)"));
        if (header.SkippedSteps > 0) console.Line(string.Create(inv, $"skipped {header.SkippedSteps} step(s) with a non-finite loss or gradient"));
        console.Line(string.Create(inv,
            $"test {Describe("classes " + header.Classes, header.TestScore)}{(header.OtherClassesScore is null ? "" : "; " + Describe("other classes", header.OtherClassesScore))}"));
        return ExitCodes.Ok;
    }

    private static string Describe(string what, VrnnScore? s) => s is null
        ? $"{what}: none"
        : string.Create(CultureInfo.InvariantCulture,
            $"{what} ({s.Sequences} images): -ELBO {s.NegElboBitsPerDim:F4}, -IWAE({s.Particles}) {s.NegIwaeBitsPerDim:F4}, -FIVO({s.Particles}) {s.NegFivoBitsPerDim:F4} bits/dim");
}
#endif
