// `mcbits train vae`: trains the binary VAE on binarised Fashion-MNIST with the IWAE(k) bound,
// shows a Spectre.Console progress bar (one line per epoch when output is not a terminal), writes a
// fingerprinted checkpoint and ends with the held-out −ELBO / −IWAE(k) in bits/dim, in and out of
// the trained classes. All the work is Engine.Models.Neural.VaeTrainingRun; this file parses and prints.
using System.CommandLine;
using System.Globalization;
using Engine.Models.Data;
using Engine.Models.Neural;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>train</c> command and its <c>vae</c> subcommand.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train a model and write a checkpoint.");
        train.Subcommands.Add(CreateVae());
        return train;
    }

    private static Command CreateVae()
    {
        var cmd = new Command("vae", "Train the binary VAE (784-200-200-50) on binarised Fashion-MNIST with the IWAE(k) bound.");
        var classes = new Option<string>("--classes") { Description = "Classes to train on: 0-4, 5-9, all, or a list like 0,2,7-9.", DefaultValueFactory = _ => "0-4" };
        var k = new Option<int>("--k") { Description = "Importance samples in the IWAE bound (1 = ELBO; usually 1, 5 or 50).", DefaultValueFactory = _ => 5 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Images per Adam step.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Seed of weights, data order, sampling and test binarisation.", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var output = new Option<string>("--out") { Description = "Checkpoint file to write.", DefaultValueFactory = _ => "artifacts/vae.ckpt" };
        var dataDir = new Option<string?>("--data") { Description = $"Fashion-MNIST directory (default ${FashionMnist.DirectoryVariable} or {FashionMnist.DefaultDirectory})." };
        var binarize = new Option<string>("--binarize") { Description = "threshold (pixel >= 128) or dynamic (Bernoulli(value/255), re-drawn each epoch).", DefaultValueFactory = _ => "threshold" };
        binarize.AcceptOnlyFromAmong("threshold", "dynamic");
        var threads = new Option<int>("--threads") { Description = "libtorch threads (results are reproducible for a fixed count).", DefaultValueFactory = _ => 1 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden layer width.", DefaultValueFactory = _ => VaeShape.Default.Hidden };
        var latents = new Option<int>("--latents") { Description = "Number of Gaussian latents.", DefaultValueFactory = _ => VaeShape.Default.Latents };
        var evalK = new Option<int>("--eval-k") { Description = "Importance samples for the final -IWAE score.", DefaultValueFactory = _ => 50 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use at most this many training images (quick runs)." };
        var evalLimit = new Option<int?>("--eval-limit") { Description = "Score at most this many test images per side." };
        foreach (Option o in new Option[] { classes, k, epochs, batch, seed, lr, output, dataDir, binarize, threads, hidden, latents, evalK, trainLimit, evalLimit })
            cmd.Options.Add(o);

        cmd.SetAction(parse =>
        {
            VaeRunSpec spec;
            try
            {
                spec = new VaeRunSpec
                {
                    DataDirectory = parse.GetValue(dataDir),
                    Classes = ClassSet.Parse(parse.GetValue(classes)!),
                    Binarization = parse.GetValue(binarize) == "dynamic" ? BinarizationMode.Dynamic : BinarizationMode.Threshold,
                    Shape = VaeShape.Default with { Hidden = parse.GetValue(hidden), Latents = parse.GetValue(latents) },
                    Training = new VaeTrainingOptions
                    {
                        K = parse.GetValue(k), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch),
                        LearningRate = parse.GetValue(lr), Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
                    },
                    EvalK = parse.GetValue(evalK),
                    TrainLimit = parse.GetValue(trainLimit),
                    EvalLimit = parse.GetValue(evalLimit),
                    OutputPath = parse.GetValue(output)!,
                };
                spec.Shape.Validate();
                spec.Training.Validate();
                ArgumentOutOfRangeException.ThrowIfLessThan(spec.EvalK, 1, "--eval-k");
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Fail(e.Message, 1);
            }
            return Run(spec);
        });
        return cmd;
    }

    private static int Run(VaeRunSpec spec)
    {
        var t = spec.Training;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training VAE {spec.Shape} on classes {spec.Classes} ({spec.Binarization} binarisation): IWAE k={t.K}, {t.Epochs} epochs, batch {t.BatchSize}, lr {t.LearningRate}, seed {t.Seed}, {t.Threads} thread(s)"));
        VaeCheckpointHeader header;
        try
        {
            header = AnsiConsole.Profile.Capabilities.Interactive ? RunWithProgressBar(spec) : VaeTrainingRun.Run(spec, LogEpoch(spec));
        }
        catch (Exception e) when (e is DatasetMissingException or IdxFormatException or ArgumentException or IOException)
        {
            return Fail(e.Message, 2);
        }
        double perEpoch = t.Epochs == 0 ? 0 : header.TrainSeconds / t.Epochs;
        // Plain Console for the result lines: Spectre wraps at 80 columns when output is redirected.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {spec.OutputPath}  fingerprint {header.Fingerprint}  ({header.TrainSeconds:F0} s, {perEpoch:F1} s/epoch)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test {Describe("classes " + header.Classes, header.TestScore)}{(header.OtherClassesScore is null ? "" : "; " + Describe("other classes", header.OtherClassesScore))}"));
        return 0;
    }

    private static VaeCheckpointHeader RunWithProgressBar(VaeRunSpec spec)
    {
        VaeCheckpointHeader? header = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("epoch 1", maxValue: Math.Max(1, spec.Training.Epochs));
                Action<VaeTrainingProgress> log = LogEpoch(spec);
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

    private static Action<VaeTrainingProgress> LogEpoch(VaeRunSpec spec) => p =>
    {
        if (p.Step != p.StepsPerEpoch) return;
        double bpd = IwaeObjective.NatsToBitsPerDim(-p.EpochMeanLoss, spec.Shape.Pixels);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{spec.Training.Epochs}  train -IWAE({spec.Training.K}) {p.EpochMeanLoss:F3} nats = {bpd:F4} bits/dim  {p.EpochSeconds:F1} s"));
    };

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine("error: " + message); // plain: Spectre would wrap it at 80 columns when redirected
        return code;
    }

    private static string Describe(string what, VaeScore? s) => s is null
        ? $"{what}: none"
        : string.Create(CultureInfo.InvariantCulture,
            $"{what} ({s.Images} images): -ELBO {s.NegElboBitsPerDim:F4} bits/dim, -IWAE({s.K}) {s.NegIwaeBitsPerDim:F4} bits/dim");
}
