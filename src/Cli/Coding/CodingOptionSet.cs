// CodingOptionSet: the options every coding command shares (--model, --model-seed, --coder, -N, --chains,
// --seed, --backend), made once per command, and their reading into a validated CodingSetup. --model names a
// toy model, or a JSON model file (a value ending in ".json": the user's own mixture or HMM, see
// JsonModelFile); only a command that can code images with a VAE (compress) lets it name a checkpoint too;
// for the others (profile) a *.ckpt value is a parse error saying so. Invalid combinations (BB-ELBO with
// N > 1, AIS on an HMM, more particles than a coupled uniform has values, --model-seed with a model file)
// become one usage error line, not an exception trace.
using System.CommandLine;
using Engine.Cli.Infrastructure;
using Engine.Modeling.Discrete;
using Engine.Systems;

namespace Engine.Cli.Coding;

/// <summary>The model and coder options of a command.</summary>
internal sealed class CodingOptionSet
{
    /// <summary>Creates the options with the given defaults.</summary>
    /// <param name="acceptsCheckpoint">True when --model may name a VAE checkpoint (the command handles VAE coding).</param>
    /// <param name="defaultModel">--model default; null makes --model required (the data does not say which model made it).</param>
    /// <param name="defaultCoder">--coder default.</param>
    /// <param name="defaultParticles">-N default.</param>
    /// <param name="defaultChains">--chains default.</param>
    public CodingOptionSet(bool acceptsCheckpoint, string? defaultModel = "toy-mixture", string defaultCoder = "bb-cis", int defaultParticles = 16, int defaultChains = 1)
    {
        string toys = string.Join(", ", ModelCatalog.Names);
        Model = new Option<string>("--model", "-m")
        {
            Description = $"Model: {toys} (toy data, one symbol per byte); or a JSON model file *.json holding your own mixture or HMM " +
                "(any value ending in .json is read as one; data one symbol per byte; see README, \"Your own discrete model\")" +
                (acceptsCheckpoint ? "; or a VAE checkpoint file *.ckpt from `mcbits train vae` (IDX images)." : ".") +
                (defaultModel is null ? " Required: a data file does not say which model made it." : ""),
        };
        if (defaultModel is not null) Model.DefaultValueFactory = _ => defaultModel;
        _modelChoices = $"{toys}, a JSON model file (*.json){(acceptsCheckpoint ? " or a VAE checkpoint (*.ckpt)" : "")}";
        Model.Validators.Add(r => // a toy model name, a JSON model file, or (where accepted) a VAE checkpoint, handed to Vae.VaeCompress
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;
            if (v is null || ModelCatalog.Names.Contains(v, StringComparer.OrdinalIgnoreCase) || JsonModelFile.IsJsonModel(v)) return;
            bool checkpoint = NeuralTool.IsCheckpoint(v);
            if (checkpoint && !acceptsCheckpoint)
                r.AddError($"Model '{v}': this command runs the toy models only ({toys}); VAE checkpoints are for compress / decompress and sweep --preset fashion-vae.");
            else if (!checkpoint)
                r.AddError($"Model '{v}' is neither {string.Join(" nor ", ModelCatalog.Names)} nor a JSON model file (*.json){(acceptsCheckpoint ? " nor a VAE checkpoint (*.ckpt)" : "")}.");
        });
        ModelSeed = new Option<ulong>("--model-seed")
        {
            Description = "Seed of the toy model's integer tables (the message records it); not for a JSON model file, which holds its own tables.",
            DefaultValueFactory = _ => 1,
        };
        Coder = new Option<string>("--coder", "-c")
        {
            Description = $"Coder: {string.Join(", ", CoderVariant.CliNames)}; with a CIF checkpoint (the neural build): lbb-bitswap, lbb-naive, lbb-is, lbb-cis.",
            DefaultValueFactory = _ => defaultCoder,
        };
        Particles = new Option<int>("--particles", "-N")
        {
            Description = $"Particles N (annealing steps for AIS); default {defaultParticles}, or 1 for BB-ELBO, which codes one particle.",
            DefaultValueFactory = _ => defaultParticles,
        };
        Chains = new Option<int>("--chains", "-B")
        {
            Description = "Independent rANS chains coded in lock-step (the data is split into contiguous runs).",
            DefaultValueFactory = _ => defaultChains,
        };
        Seed = new Option<ulong>("--seed", "-s")
        {
            Description = "Seed of the initial bits (stored in the message).",
            DefaultValueFactory = _ => 1,
        };
        Backend = BackendOption.Create();
    }

    private readonly string _modelChoices;

    /// <summary>--model.</summary>
    public Option<string> Model { get; }

    /// <summary>The value of --model, or a usage error naming the choices when it is required and missing.</summary>
    /// <exception cref="CliException">--model was not given and has no default.</exception>
    public string ModelValue(ParseResult parse) =>
        parse.GetValue(Model) ?? throw new CliException($"--model is required: {_modelChoices} (a data file does not say which model made it)", ExitCodes.Usage);

    /// <summary>-N as given, or the coder's default: 1 for BB-ELBO (one particle), the command's default otherwise.</summary>
    public int ParticlesFor(ParseResult parse, CoderVariant coder) =>
        coder.Kind == CoderKind.BbElbo && parse.GetResult(Particles) is null or { Implicit: true } ? 1 : parse.GetValue(Particles);

    /// <summary>--model-seed.</summary>
    public Option<ulong> ModelSeed { get; }

    /// <summary>--coder.</summary>
    public Option<string> Coder { get; }

    /// <summary>--particles / -N.</summary>
    public Option<int> Particles { get; }

    /// <summary>--chains / -B.</summary>
    public Option<int> Chains { get; }

    /// <summary>--seed.</summary>
    public Option<ulong> Seed { get; }

    /// <summary>--backend (see <see cref="BackendOption"/>).</summary>
    public Option<string> Backend { get; }

    /// <summary>Coder, N, chains and seed for a network checkpoint, checked by the codec's own <paramref name="validate"/>
    /// (<paramref name="what"/> names the model in the usage error: "a VAE", "a VRNN").</summary>
    /// <exception cref="CliException">Not a coder, or not one the model runs (usage error).</exception>
    public CoderOptions ReadFor(ParseResult parse, string what, Action<CoderOptions> validate, out CoderVariant coder)
    {
        try
        {
            coder = CoderVariant.Parse(parse.GetValue(Coder)!);
            CoderOptions options = coder.ToOptions(ParticlesFor(parse, coder), parse.GetValue(Chains), parse.GetValue(Seed));
            validate(options);
            return options;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or NotSupportedException)
        {
            string reason = e is ArgumentException a ? CommandGuard.WithoutParameter(a) : e.Message;
            throw new CliException($"cannot code {what} that way: {reason}", ExitCodes.Usage);
        }
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option o in new Option[] { Model, ModelSeed, Coder, Particles, Chains, Seed, Backend }) command.Options.Add(o);
    }

    /// <summary>Reads and validates the options.</summary>
    /// <exception cref="CliException">An unknown coder, or options the model cannot run (exit code 1); a bad JSON model file (exit code 2).</exception>
    public CodingSetup Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string value = ModelValue(parse);
        bool file = JsonModelFile.IsJsonModel(value);
        if (file && parse.GetResult(ModelSeed) is { Implicit: false })
            throw new CliException($"--model-seed is for the toy models; {value} holds its own tables", ExitCodes.Usage);
        CoderVariant coder;
        try
        {
            coder = CoderVariant.Parse(parse.GetValue(Coder)!);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message, ExitCodes.Usage);
        }
        DiscreteModel model;
        string name, unit;
        if (file)
        {
            model = JsonModelFile.Load(value);
            (name, unit) = (JsonModelFile.NameOf(value), JsonModelFile.UnitName(model));
        }
        else
        {
            ModelEntry entry = ModelCatalog.Find(value);
            model = entry.Create(parse.GetValue(ModelSeed));
            (name, unit) = (entry.Name, entry.UnitName);
        }
        CoderOptions options = coder.ToOptions(ParticlesFor(parse, coder), parse.GetValue(Chains), parse.GetValue(Seed));
        Validate(options, model, name, coder);
        return new CodingSetup(name, unit, model, coder, options, BackendOption.Read(parse, Backend));
    }

    /// <summary>Throws a usage <see cref="CliException"/> when <paramref name="options"/> cannot run on <paramref name="model"/>.</summary>
    public static void Validate(CoderOptions options, DiscreteModel model, string modelName, CoderVariant coder)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate(model);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or NotSupportedException)
        {
            string reason = e is ArgumentOutOfRangeException a && a.Message.Contains(" (Parameter", StringComparison.Ordinal)
                ? a.Message[..a.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]
                : e.Message;
            throw new CliException($"{CodingText.Describe(coder, options)} cannot run on {modelName}: {reason}", ExitCodes.Usage);
        }
    }
}
