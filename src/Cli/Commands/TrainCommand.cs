// `mcbits train vae`: trains the binary VAE on binarised Fashion-MNIST (or any directory holding the four
// IDX files) with the IWAE(k) bound, shows a Spectre.Console progress bar on a terminal (one line per
// epoch otherwise), writes a fingerprinted checkpoint and ends with the held-out −ELBO / −IWAE(k) in
// bits/dim, in and out of the trained classes. All the work is Engine.Models.Neural.VaeTrainingRun; this
// file checks the options (one usage line naming the bad option, exit 1), runs it inside CommandGuard
// (missing or malformed data: one error line, exit 2) and prints to the invocation's writers. `train cif` is TrainCifCommand, `train vrnn` TrainVrnnCommand;
// the options they share are TrainingOptionSet.
#if NEURAL
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Infrastructure;
using Engine.Models.Data;
using Engine.Models.Neural;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>train</c> command and its <c>vae</c>, <c>cif</c> and <c>vrnn</c> subcommands.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train a model and write a checkpoint.");
        train.Subcommands.Add(CreateVae());
        train.Subcommands.Add(TrainCifCommand.Create());
        train.Subcommands.Add(TrainVrnnCommand.Create());
        return train;
    }

    private static Command CreateVae()
    {
        var cmd = new Command("vae", "Train the binary VAE (784-H-H-L, default 784-200-200-50) on binarised Fashion-MNIST with the IWAE(k) bound; write a checkpoint for compress --model.");
        var common = new TrainingOptionSet("0-4", "Classes to train on: 0-4, 5-9, all, or a list like 0,2,7-9 (the others are scored as out of distribution).",
            k: 5, "Importance samples in the IWAE bound (1 = ELBO; usually 1, 5 or 50).", batch: 100, lr: 1e-3, "artifacts/vae.ckpt",
            "Score at most this many test images per side.");
        var binarize = new Option<string>("--binarize") { Description = "threshold (pixel >= 128) or dynamic (Bernoulli(value/255), re-drawn each epoch).", DefaultValueFactory = _ => "threshold" };
        binarize.AcceptOnlyFromAmong("threshold", "dynamic");
        var hidden = new Option<int>("--hidden") { Description = "Hidden layer width H.", DefaultValueFactory = _ => VaeShape.Default.Hidden };
        var latents = new Option<int>("--latents") { Description = "Number of Gaussian latents L.", DefaultValueFactory = _ => VaeShape.Default.Latents };
        var evalK = new Option<int>("--eval-k") { Description = "Importance samples for the final -IWAE score.", DefaultValueFactory = _ => 50 };
        common.AddTo(cmd);
        foreach (Option o in new Option[] { binarize, hidden, latents, evalK }) cmd.Options.Add(o);

        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            (double rate, ClassSet classSet) = common.Check(parse);
            TrainingOptionSet.AtLeast(parse.GetValue(hidden), 1, "--hidden");
            TrainingOptionSet.AtLeast(parse.GetValue(latents), 1, "--latents");
            TrainingOptionSet.AtLeast(parse.GetValue(evalK), 1, "--eval-k");
            var spec = new VaeRunSpec
            {
                DataDirectory = parse.GetValue(common.Data),
                Classes = classSet,
                Binarization = parse.GetValue(binarize) == "dynamic" ? BinarizationMode.Dynamic : BinarizationMode.Threshold,
                Shape = VaeShape.Default with { Hidden = parse.GetValue(hidden), Latents = parse.GetValue(latents) },
                Training = new VaeTrainingOptions
                {
                    K = parse.GetValue(common.K), Epochs = parse.GetValue(common.Epochs), BatchSize = parse.GetValue(common.Batch),
                    LearningRate = rate, Seed = parse.GetValue(common.Seed), Threads = parse.GetValue(common.Threads),
                },
                EvalK = parse.GetValue(evalK),
                TrainLimit = parse.GetValue(common.TrainLimit),
                EvalLimit = parse.GetValue(common.EvalLimit),
                OutputPath = parse.GetValue(common.Output)!,
                Overwrite = parse.GetValue(common.Force),
            };
            AtomicFile.CheckWritable(spec.OutputPath, spec.Overwrite); // before hours of training, not after
            return Run(console, spec);
        }));
        return cmd;
    }

    private static int Run(CliConsole console, VaeRunSpec spec)
    {
        var t = spec.Training;
        var inv = CultureInfo.InvariantCulture;
        console.Line(string.Create(inv,
            $"training VAE {spec.Shape} on classes {spec.Classes} ({spec.Binarization.ToString().ToLowerInvariant()} binarisation): IWAE k={t.K}, {t.Epochs} epochs, batch {t.BatchSize}, lr {t.LearningRate}, seed {t.Seed}, {t.Threads} thread(s)"));
        VaeCheckpointHeader header = TrainingOptionSet.Translate(() =>
            console.Interactive ? RunWithProgressBar(console, spec) : VaeTrainingRun.Run(spec, LogEpoch(console, spec)));
        double perEpoch = t.Epochs == 0 ? 0 : header.TrainSeconds / t.Epochs;
        console.Line(string.Create(inv,
            $"wrote {spec.OutputPath}  fingerprint {header.Fingerprint}  ({header.TrainSeconds:F0} s, {perEpoch:F1} s/epoch)"));
        console.Line(string.Create(inv,
            $"test {Describe("classes " + header.Classes, header.TestScore)}{(header.OtherClassesScore is null ? "" : "; " + Describe("other classes", header.OtherClassesScore))}"));
        return ExitCodes.Ok;
    }

    private static VaeCheckpointHeader RunWithProgressBar(CliConsole console, VaeRunSpec spec)
    {
        VaeCheckpointHeader? header = null;
        new Progress(console.Ansi)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("epoch 1", maxValue: Math.Max(1, spec.Training.Epochs));
                Action<VaeTrainingProgress> log = LogEpoch(console, spec);
                header = VaeTrainingRun.Run(spec, p =>
                {
                    task.Value = p.Epoch - 1 + (double)p.Step / p.StepsPerEpoch;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{spec.Training.Epochs} loss {p.EpochMeanLoss:F2}");
                    log(p);
                });
                task.Description = "scored and saved";
                task.Value = task.MaxValue;
            });
        return header!;
    }

    private static Action<VaeTrainingProgress> LogEpoch(CliConsole console, VaeRunSpec spec) => p =>
    {
        if (p.Step != p.StepsPerEpoch) return;
        double bpd = IwaeObjective.NatsToBitsPerDim(-p.EpochMeanLoss, spec.Shape.Pixels);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{spec.Training.Epochs}  train -IWAE({spec.Training.K}) {p.EpochMeanLoss:F3} nats = {bpd:F4} bits/dim  {p.EpochSeconds:F1} s");
        // Through Spectre on a terminal so the line lands above the live progress bar.
        if (console.Interactive) console.Ansi.WriteLine(line);
        else console.Line(line);
    };

    private static string Describe(string what, VaeScore? s) => s is null
        ? $"{what}: none"
        : string.Create(CultureInfo.InvariantCulture,
            $"{what} ({s.Images} images): -ELBO {s.NegElboBitsPerDim:F4} bits/dim, -IWAE({s.K}) {s.NegIwaeBitsPerDim:F4} bits/dim");
}
#endif
