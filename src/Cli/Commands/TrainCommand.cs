// `mcbits train cif` (below) trains a continuously-indexed flow on 8-bit images the same way (CifTrainingRun), printing a
// line every 100 steps. `mcbits train vae`: trains the binary VAE on binarised Fashion-MNIST (or any directory holding the four
// IDX files) with the IWAE(k) bound, shows a Spectre.Console progress bar on a terminal (one line per
// epoch otherwise), writes a fingerprinted checkpoint and ends with the held-out −ELBO / −IWAE(k) in
// bits/dim, in and out of the trained classes. All the work is Engine.Models.Neural.VaeTrainingRun; this
// file checks the options (one usage line naming the bad option, exit 1), runs it inside CommandGuard
// (missing or malformed data: one error line, exit 2) and prints to the invocation's writers.
#if NEURAL
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Infrastructure;
using Engine.Models.Data;
using Engine.Models.Neural;
using Spectre.Console;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>train</c> command and its <c>vae</c> and <c>cif</c> subcommands.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var train = new Command("train", "Train a model and write a checkpoint.");
        train.Subcommands.Add(CreateVae());
        train.Subcommands.Add(CreateCif());
        return train;
    }

    private static Command CreateVae()
    {
        var cmd = new Command("vae", "Train the binary VAE (784-H-H-L, default 784-200-200-50) on binarised Fashion-MNIST with the IWAE(k) bound; write a checkpoint for compress --model.");
        var classes = new Option<string>("--classes") { Description = "Classes to train on: 0-4, 5-9, all, or a list like 0,2,7-9 (the others are scored as out of distribution).", DefaultValueFactory = _ => "0-4" };
        var k = new Option<int>("--k") { Description = "Importance samples in the IWAE bound (1 = ELBO; usually 1, 5 or 50).", DefaultValueFactory = _ => 5 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Images per Adam step.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Seed of weights, data order, sampling and test binarisation.", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var output = new Option<string>("--out", "-o") { Description = "Checkpoint file to write (its directory is created; an existing file is kept unless --force).", DefaultValueFactory = _ => "artifacts/vae.ckpt" };
        var force = new Option<bool>("--force", "-f") { Description = "Replace an existing checkpoint file." };
        var dataDir = new Option<string?>("--data") { Description = $"Directory of the four Fashion-MNIST IDX files (default ${FashionMnist.DirectoryVariable} or {FashionMnist.DefaultDirectory})." };
        var binarize = new Option<string>("--binarize") { Description = "threshold (pixel >= 128) or dynamic (Bernoulli(value/255), re-drawn each epoch).", DefaultValueFactory = _ => "threshold" };
        binarize.AcceptOnlyFromAmong("threshold", "dynamic");
        var threads = new Option<int>("--threads") { Description = "libtorch threads for training (results are reproducible for a fixed count).", DefaultValueFactory = _ => 1 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden layer width H.", DefaultValueFactory = _ => VaeShape.Default.Hidden };
        var latents = new Option<int>("--latents") { Description = "Number of Gaussian latents L.", DefaultValueFactory = _ => VaeShape.Default.Latents };
        var evalK = new Option<int>("--eval-k") { Description = "Importance samples for the final -IWAE score.", DefaultValueFactory = _ => 50 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use at most this many training images (quick runs)." };
        var evalLimit = new Option<int?>("--eval-limit") { Description = "Score at most this many test images per side." };
        foreach (Option o in new Option[] { classes, k, epochs, batch, seed, lr, output, force, dataDir, binarize, threads, hidden, latents, evalK, trainLimit, evalLimit })
            cmd.Options.Add(o);

        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            AtLeast(parse.GetValue(k), 1, "--k");
            AtLeast(parse.GetValue(epochs), 0, "--epochs");
            AtLeast(parse.GetValue(batch), 1, "--batch");
            AtLeast(parse.GetValue(threads), 1, "--threads");
            AtLeast(parse.GetValue(hidden), 1, "--hidden");
            AtLeast(parse.GetValue(latents), 1, "--latents");
            AtLeast(parse.GetValue(evalK), 1, "--eval-k");
            if (parse.GetValue(trainLimit) is int tl) AtLeast(tl, 1, "--train-limit");
            if (parse.GetValue(evalLimit) is int el) AtLeast(el, 1, "--eval-limit");
            double rate = parse.GetValue(lr);
            if (!(rate > 0) || double.IsInfinity(rate)) throw new CliException($"--lr {rate.ToString(CultureInfo.InvariantCulture)}: must be a positive number", ExitCodes.Usage);
            ClassSet classSet;
            try
            {
                classSet = ClassSet.Parse(parse.GetValue(classes)!);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new CliException("--classes: " + e.Message, ExitCodes.Usage);
            }
            var spec = new VaeRunSpec
            {
                DataDirectory = parse.GetValue(dataDir),
                Classes = classSet,
                Binarization = parse.GetValue(binarize) == "dynamic" ? BinarizationMode.Dynamic : BinarizationMode.Threshold,
                Shape = VaeShape.Default with { Hidden = parse.GetValue(hidden), Latents = parse.GetValue(latents) },
                Training = new VaeTrainingOptions
                {
                    K = parse.GetValue(k), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch),
                    LearningRate = rate, Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
                },
                EvalK = parse.GetValue(evalK),
                TrainLimit = parse.GetValue(trainLimit),
                EvalLimit = parse.GetValue(evalLimit),
                OutputPath = parse.GetValue(output)!,
                Overwrite = parse.GetValue(force),
            };
            AtomicFile.CheckWritable(spec.OutputPath, spec.Overwrite); // before hours of training, not after
            return Run(console, spec);
        }));
        return cmd;
    }

    private static Command CreateCif()
    {
        var cmd = new Command("cif", "Train a continuously-indexed flow (RealNVP couplings with a per-layer index u; --index 0: the plain flow) on 8-bit Fashion-MNIST with the dequantised IWAE(k) bound; write a checkpoint for compress --model.");
        var classes = new Option<string>("--classes") { Description = "Classes to train on: 0-4, 5-9, all, or a list like 0,2,7-9.", DefaultValueFactory = _ => "all" };
        var layers = new Option<int>("--layers") { Description = "Flow layers L.", DefaultValueFactory = _ => 8 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden width H of every small network.", DefaultValueFactory = _ => 256 };
        var index = new Option<int>("--index") { Description = "Index dimensions per layer (0: a plain flow without u).", DefaultValueFactory = _ => 8 };
        var k = new Option<int>("--k") { Description = "Index samples in the IWAE bound (1 = ELBO).", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Images per Adam step.", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of weights, data order and sampling.", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 5e-4 };
        var output = new Option<string>("--out", "-o") { Description = "Checkpoint file to write (an existing file is kept unless --force).", DefaultValueFactory = _ => "artifacts/cif.ckpt" };
        var force = new Option<bool>("--force", "-f") { Description = "Replace an existing checkpoint file." };
        var dataDir = new Option<string?>("--data") { Description = $"Directory of the four Fashion-MNIST IDX files (default ${FashionMnist.DirectoryVariable} or {FashionMnist.DefaultDirectory})." };
        var threads = new Option<int>("--threads") { Description = "libtorch threads for training.", DefaultValueFactory = _ => 1 };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use at most this many training images (quick runs)." };
        var evalLimit = new Option<int?>("--eval-limit") { Description = "Score at most this many test images (default 2000)." };
        foreach (Option o in new Option[] { classes, layers, hidden, index, k, epochs, batch, seed, lr, output, force, dataDir, threads, trainLimit, evalLimit })
            cmd.Options.Add(o);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            AtLeast(parse.GetValue(k), 1, "--k");
            AtLeast(parse.GetValue(epochs), 0, "--epochs");
            AtLeast(parse.GetValue(batch), 1, "--batch");
            AtLeast(parse.GetValue(threads), 1, "--threads");
            AtLeast(parse.GetValue(index), 0, "--index");
            if (parse.GetValue(trainLimit) is int tl) AtLeast(tl, 1, "--train-limit");
            if (parse.GetValue(evalLimit) is int el) AtLeast(el, 1, "--eval-limit");
            double rate = parse.GetValue(lr);
            if (!(rate > 0) || double.IsInfinity(rate)) throw new CliException($"--lr {rate.ToString(CultureInfo.InvariantCulture)}: must be a positive number", ExitCodes.Usage);
            var shape = new CifNetworkShape(FashionMnist.Side, FashionMnist.Side, parse.GetValue(layers), parse.GetValue(hidden), parse.GetValue(index));
            if (shape.Problem() is { } bad) throw new CliException("network shape: " + bad, ExitCodes.Usage);
            ClassSet classSet;
            try
            {
                classSet = ClassSet.Parse(parse.GetValue(classes)!);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new CliException("--classes: " + e.Message, ExitCodes.Usage);
            }
            var spec = new CifRunSpec
            {
                DataDirectory = parse.GetValue(dataDir), Classes = classSet, Shape = shape,
                Training = new CifTrainingOptions
                {
                    K = parse.GetValue(k), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), LearningRate = rate,
                    Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
                },
                TrainLimit = parse.GetValue(trainLimit), EvalLimit = parse.GetValue(evalLimit),
                OutputPath = parse.GetValue(output)!, Overwrite = parse.GetValue(force),
            };
            AtomicFile.CheckWritable(spec.OutputPath, spec.Overwrite);
            var inv = CultureInfo.InvariantCulture;
            var t = spec.Training;
            console.Line(string.Create(inv,
                $"training CIF {shape} on classes {classSet}: IWAE k={t.K}, {t.Epochs} epochs, batch {t.BatchSize}, lr {t.LearningRate}, seed {t.Seed}, {t.Threads} thread(s)"));
            CifCheckpointHeader header;
            try
            {
                header = CifTrainingRun.Run(spec, p =>
                {
                    if (p.Step % 100 == 0 || p.Step == p.StepsPerEpoch)
                        console.Line(string.Create(inv, $"epoch {p.Epoch}/{t.Epochs} step {p.Step}/{p.StepsPerEpoch}  train -IWAE({t.K}) {p.EpochMeanLoss:F4} bits/dim  {p.EpochSeconds:F0} s"));
                });
            }
            catch (DatasetMissingException e)
            {
                throw new CliException(e.Message, ExitCodes.Failed);
            }
            catch (IdxFormatException e)
            {
                throw new CliException("bad training data: " + e.Message, ExitCodes.Failed);
            }
            catch (ArgumentException e)
            {
                throw new CliException(CutParameter(e.Message), ExitCodes.Failed);
            }
            console.Line(string.Create(inv, $"wrote {spec.OutputPath}  fingerprint {header.Fingerprint}  ({header.TrainSeconds:F0} s)"));
            console.Line(string.Create(inv, $"test -ELBO {header.TestBitsPerDim:F4} bits/dim (classes {header.Classes})"));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static void AtLeast(int value, int min, string option)
    {
        if (value < min) throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: must be at least {min}"), ExitCodes.Usage);
    }

    private static int Run(CliConsole console, VaeRunSpec spec)
    {
        var t = spec.Training;
        var inv = CultureInfo.InvariantCulture;
        console.Line(string.Create(inv,
            $"training VAE {spec.Shape} on classes {spec.Classes} ({spec.Binarization.ToString().ToLowerInvariant()} binarisation): IWAE k={t.K}, {t.Epochs} epochs, batch {t.BatchSize}, lr {t.LearningRate}, seed {t.Seed}, {t.Threads} thread(s)"));
        VaeCheckpointHeader header;
        try
        {
            header = console.Interactive ? RunWithProgressBar(console, spec) : VaeTrainingRun.Run(spec, LogEpoch(console, spec));
        }
        catch (DatasetMissingException e)
        {
            throw new CliException(e.Message, ExitCodes.Failed);
        }
        catch (IdxFormatException e)
        {
            throw new CliException("bad training data: " + e.Message, ExitCodes.Failed);
        }
        catch (ArgumentException e)
        {
            // VaeTrainingRun's own checks: no image in the chosen classes, or images that are not 784 pixels.
            throw new CliException(CutParameter(e.Message), ExitCodes.Failed);
        }
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

    private static string CutParameter(string message)
    {
        int at = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    private static string Describe(string what, VaeScore? s) => s is null
        ? $"{what}: none"
        : string.Create(CultureInfo.InvariantCulture,
            $"{what} ({s.Images} images): -ELBO {s.NegElboBitsPerDim:F4} bits/dim, -IWAE({s.K}) {s.NegIwaeBitsPerDim:F4} bits/dim");
}
#endif
