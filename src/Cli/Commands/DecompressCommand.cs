// `mcbits decompress`: reads a .mcb message as untrusted input, rebuilds the model it names (a toy model
// from its description) or takes the one --model names (a JSON model file, a VAE checkpoint), decodes and
// verifies it (model fingerprint, every chain back at its seeded initial state, data checksum) and only
// then writes the data atomically. A truncated, corrupt or foreign file prints one error line, exits with
// 10 + McbErrorKind and leaves no output file behind. Decoding runs under a DecodeBudget (--max-work,
// --max-particles): a message claiming more work or live particles is refused before any decoding. A
// message written with a JSON model needs that model (same fingerprint) and is refused with exit 16
// without it or with another.
using System.CommandLine;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Modeling.Discrete;
using Engine.Systems;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>decompress</c> command.</summary>
internal static class DecompressCommand
{
    public static Command Create()
    {
        var cmd = new Command("decompress", "Decode and verify a .mcb message back to its data: symbols (one per byte), or (with --model <vae.ckpt>) an IDX file of 0/255 images.");
        var input = new Argument<string>("input") { Description = "Message file (.mcb); - reads standard input." };
        var output = new Option<string?>("--output", "-o") { Description = "Data file to write (default: <input> without .mcb, or <input>.out; standard output when the input is -). - writes to standard output (the report then goes to standard error)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing output file." };
        var warmup = new Option<bool>("--warmup") { Description = $"Code {Warmup.Units} units of zeros first, untimed, so the reported time is not the JIT's (symbol models)." };
        Option<string> backendOption = BackendOption.Create();
        var maxWork = new Option<long>("--max-work")
        {
            Description = $"Decode budget in particle-steps (symbols x particles, BB-AIS x{DecodeBudget.AnnealedStepWeight}); a message claiming more is refused before decoding.",
            DefaultValueFactory = _ => DecodeBudget.DefaultMaxWork,
        };
        var maxParticles = new Option<long>("--max-particles")
        {
            Description = "Largest chains x particles a decode may hold; a message claiming more is refused before decoding.",
            DefaultValueFactory = _ => DecodeBudget.DefaultMaxLiveParticles,
        };
        cmd.Options.Add(maxWork);
        cmd.Options.Add(maxParticles);
        var modelOption = new Option<string?>("--model", "-m")
        {
            Description = "The model a message was written with, when it is a file: a JSON model file (*.json) or a VAE checkpoint (*.ckpt); " +
                "its fingerprint must match the message's. Messages of the toy models name their own model.",
        };
        modelOption.Validators.Add(r =>
        {
            string? v = r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;
            if (v is not null && !JsonModelFile.IsJsonModel(v) && !NeuralTool.IsCheckpoint(v) && !ModelCatalog.Names.Contains(v, StringComparer.OrdinalIgnoreCase))
                r.AddError($"Model '{v}' is neither a JSON model file (*.json) nor a VAE checkpoint (*.ckpt); messages of {string.Join(" and ", ModelCatalog.Names)} name their own model.");
        });
        cmd.Options.Add(modelOption);
        cmd.Arguments.Add(input);
        cmd.Options.Add(output);
        cmd.Options.Add(force);
        cmd.Options.Add(backendOption);
        cmd.Options.Add(warmup);
        var reporting = new ReportOptions();
        reporting.AddTo(cmd);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            string source = parse.GetValue(input)!;
            string target = parse.GetValue(output) ?? DefaultOutput(source);
            bool overwrite = parse.GetValue(force);
            AtomicFile.CheckWritable(target, overwrite);
            CommandReport report = reporting.Open(parse, console, StandardStreams.IsDash(target));
            long work = parse.GetValue(maxWork), particles = parse.GetValue(maxParticles);
            if (work < 1 || particles < 1) throw new CliException("--max-work and --max-particles must be at least 1", ExitCodes.Usage);
            using IDisposable budget = DecodeBudget.Use(new DecodeBudget { MaxWork = work, MaxLiveParticles = particles });
            string? modelPath = parse.GetValue(modelOption);
            string? jsonPath = JsonModelFile.IsJsonModel(modelPath) ? modelPath : null;
            DiscreteModel? fileModel = jsonPath is null ? null : JsonModelFile.Load(jsonPath);
            using IRansBackend backend = BackendOption.CreateBackend(parse, backendOption);
            McbMessage message;
            DiscreteModel model;
            string modelName;
            DecodeResult result;
            try
            {
                message = StandardStreams.IsDash(source) ? McbMessageFile.Read(StandardStreams.OpenInput()) : McbMessageFile.Read(source);
                if (message.Model.StartsWith(NeuralTool.CifDescriptionPrefix, StringComparison.Ordinal))
                {
                    if (jsonPath is not null)
                        throw new CliException($"cannot decompress {source}: it was written with a CIF ({UntrustedText.Excerpt(message.Model)}); pass its checkpoint with --model <checkpoint.ckpt>, not {jsonPath}",
                            ExitCodes.ForMessage(McbErrorKind.ModelMismatch));
#if NEURAL
                    return Vae.CifFiles.Decompress(report, message, source, target, modelPath, backend, overwrite);
#else
                    throw NeuralTool.Needed($"Decompressing {source} (written with a CIF)");
#endif
                }
                if (message.Model.StartsWith(NeuralTool.VrnnDescriptionPrefix, StringComparison.Ordinal))
                {
                    if (jsonPath is not null)
                        throw new CliException($"cannot decompress {source}: it was written with a VRNN ({UntrustedText.Excerpt(message.Model)}); pass its checkpoint with --model <checkpoint.ckpt>, not {jsonPath}",
                            ExitCodes.ForMessage(McbErrorKind.ModelMismatch));
#if NEURAL
                    return Vae.VrnnFiles.Decompress(report, message, source, target, modelPath, backend, overwrite);
#else
                    throw NeuralTool.Needed($"Decompressing {source} (written with a VRNN)");
#endif
                }
                if (NeuralTool.IsVaeMessage(message))
                {
                    if (jsonPath is not null)
                        throw new CliException($"cannot decompress {source}: it was written with a VAE ({message.Model}); pass its checkpoint with --model <checkpoint.ckpt>, not {jsonPath}",
                            ExitCodes.ForMessage(McbErrorKind.ModelMismatch));
#if NEURAL
                    return Vae.VaeDecompress.Run(console, report, message, source, target, modelPath, backend, overwrite);
#else
                    throw NeuralTool.Needed($"Decompressing {source} (written with a VAE)");
#endif
                }
                if (fileModel is not null)
                {
                    (model, modelName) = (fileModel, JsonModelFile.NameOf(jsonPath!));
                    CheckSameModel(message, fileModel, source, jsonPath!);
                }
                else
                {
                    if (DiscreteModelFile.IsFileModelDescription(message.Model))
                        throw new CliException($"cannot decompress {source}: it was written with a model from a JSON model file ('{message.Model}'); " +
                            "pass that file with --model <file.json>", ExitCodes.ForMessage(McbErrorKind.ModelMismatch));
                    var toy = McBitsCodec.ModelOf(message);
                    (model, modelName) = (toy, ModelCatalog.NameOf(toy));
                }
                if (parse.GetValue(warmup)) Warmup.Run(model, McBitsCodec.OptionsOf(message, model) with { Backend = backend });
                result = McBitsCodec.DecodeDetailed(message, model, backend: backend, progress: report.Progress("decoding"));
            }
            catch (McbFormatException e)
            {
                // The file name belongs in the one error line; the kind picks the exit code.
                string hint = e.Kind == McbErrorKind.ModelMismatch && fileModel is null ? "; if it was written with a model file, pass it with --model" : "";
                throw new CliException($"cannot decompress {UntrustedText.Excerpt(source)}: {ExitCodes.Describe(e.Kind)}: {e.Detail}{hint}", ExitCodes.ForMessage(e.Kind));
            }
            AtomicFile.WriteAllBytes(target, result.Data, overwrite);
            string coder = message.CoderParameters.TryGetValue("resampling", out string? mode) && Enum.TryParse(mode, out ResamplingMode rm)
                ? CoderVariant.FromMessage(CoderNames.Parse(message.Coder), rm).Name
                : message.Coder;
            report.Summary(new Dictionary<string, object?>
            {
                ["input"] = source, ["output"] = target, ["model"] = modelName, ["coder"] = coder, ["chains"] = message.ChainCount,
                ["symbols"] = result.Data.Length, ["written_by"] = message.Backend, ["decoded_by"] = backend.Name,
                ["format_version"] = message.FormatVersion, ["seconds"] = result.Seconds,
            });
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"{source} -> {target}: {result.Data.Length} symbols ({modelName}), {coder}, {message.ChainCount} chain(s), written by {message.Backend}, decoded by {backend.Name}; " +
                $"verified model fingerprint, initial state and checksum; decode {CodingText.Seconds(result.Seconds)} s"));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>Refuses (exit 16) a message whose model fingerprint or description is not <paramref name="model"/>'s, naming both.</summary>
    private static void CheckSameModel(McbMessage message, DiscreteModel model, string source, string modelPath)
    {
        if (message.ModelFingerprint.AsSpan().SequenceEqual(model.Identity.Fingerprint) && message.Model == model.Identity.Description) return;
        throw new CliException($"cannot decompress {source}: it was written with model '{message.Model}' (fingerprint {Convert.ToHexString(message.ModelFingerprint)}), " +
            $"not with {modelPath} ('{model.Identity.Description}', fingerprint {Convert.ToHexString(model.Identity.Fingerprint)})",
            ExitCodes.ForMessage(McbErrorKind.ModelMismatch));
    }

    /// <summary>"data.mcb" → "data"; "-" (standard input) → "-" (standard output); anything else gets ".out" appended.</summary>
    internal static string DefaultOutput(string source) =>
        StandardStreams.IsDash(source) ? StandardStreams.Dash :
        source.EndsWith(CompressCommand.MessageExtension, StringComparison.OrdinalIgnoreCase) && source.Length > CompressCommand.MessageExtension.Length
            ? source[..^CompressCommand.MessageExtension.Length]
            : source + ".out";
}
