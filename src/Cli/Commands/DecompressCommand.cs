// `mcbits decompress`: reads a .mcb message as untrusted input, rebuilds the model it names, decodes and
// verifies it (model fingerprint, every chain back at its seeded initial state, data checksum) and only
// then writes the data atomically. A truncated, corrupt or foreign file prints one error line, exits with
// 10 + McbErrorKind and leaves no output file behind. Decoding runs under a DecodeBudget (--max-work,
// --max-particles): a message claiming more work or live particles is refused before any decoding.
using System.CommandLine;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Toy;
using Engine.Systems;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>decompress</c> command.</summary>
internal static class DecompressCommand
{
    public static Command Create()
    {
        var cmd = new Command("decompress", "Decode and verify a .mcb message back to its data: toy symbols, or (with --model <vae.ckpt>) an IDX file of 0/255 images.");
        var input = new Argument<string>("input") { Description = "Message file (.mcb)." };
        var output = new Option<string?>("--output", "-o") { Description = "Data file to write (default: <input> without .mcb, or <input>.out)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing output file." };
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
        var vaeModel = new Option<string?>("--model", "-m") { Description = "The VAE checkpoint (*.ckpt) a VAE message was written with (its fingerprint is checked); toy messages name their own model." };
        cmd.Options.Add(vaeModel);
        cmd.Arguments.Add(input);
        cmd.Options.Add(output);
        cmd.Options.Add(force);
        cmd.Options.Add(backendOption);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            string source = parse.GetValue(input)!;
            string target = parse.GetValue(output) ?? DefaultOutput(source);
            bool overwrite = parse.GetValue(force);
            AtomicFile.CheckWritable(target, overwrite);
            long work = parse.GetValue(maxWork), particles = parse.GetValue(maxParticles);
            if (work < 1 || particles < 1) throw new CliException("--max-work and --max-particles must be at least 1", ExitCodes.Usage);
            using IDisposable budget = DecodeBudget.Use(new DecodeBudget { MaxWork = work, MaxLiveParticles = particles });
            using IRansBackend backend = BackendOption.CreateBackend(parse, backendOption);
            McbMessage message;
            ToyModel model;
            DecodeResult result;
            try
            {
                message = McbMessageFile.Read(source);
                if (Engine.Systems.Vae.VaeCodec.IsVaeMessage(message))
                    return Vae.VaeDecompress.Run(console, message, source, target, parse.GetValue(vaeModel), backend, overwrite);
                model = McBitsCodec.ModelOf(message);
                result = McBitsCodec.DecodeDetailed(message, model, backend: backend);
            }
            catch (McbFormatException e)
            {
                // The file name belongs in the one error line; the kind picks the exit code.
                throw new CliException($"cannot decompress {UntrustedText.Excerpt(source)}: {e.Message}", ExitCodes.ForMessage(e.Kind));
            }
            AtomicFile.WriteAllBytes(target, result.Data, overwrite);
            string coder = message.CoderParameters.TryGetValue("resampling", out string? mode) && Enum.TryParse(mode, out ResamplingMode rm)
                ? CoderChoice.FromMessage(CoderNames.Parse(message.Coder), rm).Name
                : message.Coder;
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"{source} -> {target}: {result.Data.Length} symbols ({ModelCatalog.NameOf(model)}), {coder}, {message.ChainCount} chain(s), written by {message.Backend}, decoded by {backend.Name}; " +
                $"verified model fingerprint, initial state and checksum; decode {CodingText.Seconds(result.Seconds)} s"));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>"data.mcb" → "data"; anything else gets ".out" appended.</summary>
    internal static string DefaultOutput(string source) =>
        source.EndsWith(CompressCommand.MessageExtension, StringComparison.OrdinalIgnoreCase) && source.Length > CompressCommand.MessageExtension.Length
            ? source[..^CompressCommand.MessageExtension.Length]
            : source + ".out";
}
