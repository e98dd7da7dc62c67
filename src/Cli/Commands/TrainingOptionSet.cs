// TrainingOptionSet: the options every `mcbits train <model>` subcommand shares — classes, k, epochs, batch, seed, learning
// rate, output, force, data directory, threads, train and eval limits — with their checks (one usage line naming the bad
// option), so `train vae`, `train cif` and `train vrnn` read them one way. Each subcommand adds its own (network sizes, binarisation).
#if NEURAL
using System.CommandLine;
using System.Globalization;
using Engine.Cli.Infrastructure;
using Engine.Models.Data;

namespace Engine.Cli.Commands;

/// <summary>The shared options of the train subcommands.</summary>
internal sealed class TrainingOptionSet
{
    // kName and kAliases name the sample-count option: `train vrnn` counts particles, --particles / -N as in compress.
    public TrainingOptionSet(string classesDefault, string classesHelp, int k, string kHelp, int batch, double lr, string output, string evalLimitHelp,
        string kName = "--k", params string[] kAliases)
    {
        Classes = new Option<string>("--classes") { Description = classesHelp, DefaultValueFactory = _ => classesDefault };
        K = new Option<int>(kName, kAliases) { Description = kHelp, DefaultValueFactory = _ => k };
        Epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => 10 };
        Batch = new Option<int>("--batch") { Description = "Images per Adam step.", DefaultValueFactory = _ => batch };
        Seed = new Option<long>("--seed") { Description = "Seed of weights, data order and sampling.", DefaultValueFactory = _ => 1 };
        Lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => lr };
        Output = new Option<string>("--out", "-o") { Description = "Checkpoint file to write (its directory is created; an existing file is kept unless --force).", DefaultValueFactory = _ => output };
        Force = new Option<bool>("--force", "-f") { Description = "Replace an existing checkpoint file." };
        Data = new Option<string?>("--data") { Description = $"Directory of the four Fashion-MNIST IDX files (default ${FashionMnist.DirectoryVariable} or {FashionMnist.DefaultDirectory})." };
        Threads = new Option<int>("--threads") { Description = "libtorch threads for training (results are reproducible for a fixed count).", DefaultValueFactory = _ => 1 };
        TrainLimit = new Option<int?>("--train-limit") { Description = "Use at most this many training images (quick runs)." };
        EvalLimit = new Option<int?>("--eval-limit") { Description = evalLimitHelp };
    }

    public Option<string> Classes { get; }
    public Option<int> K { get; }
    public Option<int> Epochs { get; }
    public Option<int> Batch { get; }
    public Option<long> Seed { get; }
    public Option<double> Lr { get; }
    public Option<string> Output { get; }
    public Option<bool> Force { get; }
    public Option<string?> Data { get; }
    public Option<int> Threads { get; }
    public Option<int?> TrainLimit { get; }
    public Option<int?> EvalLimit { get; }

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Classes, K, Epochs, Batch, Seed, Lr, Output, Force, Data, Threads, TrainLimit, EvalLimit })
            command.Options.Add(o);
    }

    /// <summary>Checks the shared values; returns the learning rate and the class set.</summary>
    /// <exception cref="CliException">A value is out of range (usage).</exception>
    public (double LearningRate, ClassSet Classes) Check(ParseResult parse)
    {
        AtLeast(parse.GetValue(K), 1, K.Name);
        AtLeast(parse.GetValue(Epochs), 0, "--epochs");
        AtLeast(parse.GetValue(Batch), 1, "--batch");
        AtLeast(parse.GetValue(Threads), 1, "--threads");
        if (parse.GetValue(TrainLimit) is int tl) AtLeast(tl, 1, "--train-limit");
        if (parse.GetValue(EvalLimit) is int el) AtLeast(el, 1, "--eval-limit");
        double rate = parse.GetValue(Lr);
        if (!(rate > 0) || double.IsInfinity(rate)) throw new CliException($"--lr {rate.ToString(CultureInfo.InvariantCulture)}: must be a positive number", ExitCodes.Usage);
        try
        {
            return (rate, ClassSet.Parse(parse.GetValue(Classes)!));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CliException("--classes: " + e.Message, ExitCodes.Usage);
        }
    }

    public static void AtLeast(int value, int min, string option)
    {
        if (value < min) throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: must be at least {min}"), ExitCodes.Usage);
    }

    /// <summary>A training run's own errors as one error line (exit 2): missing or malformed data, no image in the classes.</summary>
    public static T Translate<T>(Func<T> run)
    {
        try
        {
            return run();
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
            int at = e.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new CliException(at < 0 ? e.Message : e.Message[..at], ExitCodes.Failed);
        }
    }
}
#endif
