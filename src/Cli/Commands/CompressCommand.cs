// `mcbits compress`: codes a data file into a .mcb message with the chosen model, coder, N, chains and seed,
// writes it atomically and prints the rates of docs/architecture.md#bit-accounting. With a toy model (--model toy-mixture|toy-hmm)
// or a JSON model file (--model my-model.json, read by JsonModelFile) the input is one symbol per byte and
// the report gives net / total / file bits per symbol beside the
// data's ideal code length −log2 p(x); with a VAE checkpoint (--model x.ckpt) the input is an IDX image
// file, --images keeps its first N images, and Vae.VaeCompress reports bits per pixel. The toy input is read
// within InputLimits.MaxSymbols (a device such as /dev/zero is refused at the limit, not read to exhaustion).
// --model is required (a data file does not say which model made it), more chains than units are refused,
// and BB-ELBO runs with one particle unless -N says otherwise; a message whose decode needs more than the default DecodeBudget gets a warning on stderr.
using System.CommandLine;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Systems;

namespace Engine.Cli.Commands;

/// <summary>Builds the <c>compress</c> command.</summary>
internal static class CompressCommand
{
    /// <summary>Extension of message files.</summary>
    public const string MessageExtension = ".mcb";

    public static Command Create()
    {
        var cmd = new Command("compress", "Compress symbol data (one symbol per byte; a toy model or --model <my-model.json>) or, with --model <vae.ckpt>, IDX images into a .mcb message.");
        var input = new Argument<string>("input")
        {
            Description = "Data file (- for standard input): one symbol per byte for a toy model or a JSON model file (each byte below its V); for a VAE checkpoint, an IDX image file (count x rows x cols bytes, " +
                "plain or .gz, e.g. Fashion-MNIST's t10k-images-idx3-ubyte.gz), binarised by the checkpoint's rule.",
        };
        var images = new Option<int?>("--images") { Description = "VAE and CIF only: code just the first N images of the IDX file." };
        var grids = new FlowGridOptions();
        var latents = new LatentGridOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Message file to write (default: <input>.mcb; standard output when the input is -). - writes to standard output (the report then goes to standard error)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing output file." };
        var warmup = new Option<bool>("--warmup") { Description = $"Code {Warmup.Units} units of zeros first, untimed, so the reported time is not the JIT's (symbol models)." };
        var coding = new CodingOptionSet(acceptsCheckpoint: true, defaultModel: null);
        var reporting = new ReportOptions();
        cmd.Arguments.Add(input);
        coding.AddTo(cmd);
        cmd.Options.Add(output);
        cmd.Options.Add(force);
        cmd.Options.Add(images);
        grids.AddTo(cmd);
        latents.AddTo(cmd);
        cmd.Options.Add(warmup);
        reporting.AddTo(cmd);
        cmd.SetAction(parse => CommandGuard.Run(parse, console =>
        {
            int? limit = parse.GetValue(images);
            if (NeuralTool.IsCheckpoint(coding.ModelValue(parse)))
#if NEURAL
            {
                if (Vae.CifFiles.IsCifCheckpoint(coding.ModelValue(parse)!))
                {
                    latents.RefuseFor(parse, "a CIF checkpoint");
                    return Vae.CifFiles.Compress(parse, coding, grids, reporting, console, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(force), limit);
                }
                grids.RefuseFor(parse, "a VAE checkpoint");
                if (Vae.VrnnFiles.IsVrnnCheckpoint(coding.ModelValue(parse)!))
                    return Vae.VrnnFiles.Compress(parse, coding, latents, reporting, console, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(force), limit);
                return Vae.VaeCompress.Run(parse, coding, latents, reporting, console, parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(force), limit);
            }
#else
                throw NeuralTool.Needed("Compressing with a VAE checkpoint");
#endif
            grids.RefuseFor(parse, "a symbol model");
            latents.RefuseFor(parse, "a symbol model");
            if (limit is not null)
                throw new CliException("--images is for IDX image files coded with a VAE checkpoint (--model <file.ckpt>); a symbol model codes the whole file", ExitCodes.Usage);
            CodingSetup setup = coding.Read(parse);
            string source = parse.GetValue(input)!;
            string target = parse.GetValue(output) ?? (StandardStreams.IsDash(source) ? StandardStreams.Dash : source + MessageExtension);
            AtomicFile.CheckWritable(target, parse.GetValue(force));
            CommandReport report = reporting.Open(parse, console, StandardStreams.IsDash(target));
            byte[] data = InputLimits.ReadBounded(source);
            ModelEntry.CheckInput(data, setup.Model, setup.ModelName, source);
            CheckChains(setup.Options.Chains, data.Length / setup.Model.SequenceLength, setup.UnitName);
            using IRansBackend backend = setup.OpenBackend();
            if (parse.GetValue(warmup)) Warmup.Run(setup.Model, setup.Options with { Backend = backend });
            EncodeResult result = McBitsCodec.Encode(data, setup.Model, setup.Options with { Backend = backend, Progress = report.Progress("encoding") });
            byte[] file = McbMessageFile.ToBytes(result.Message);
            AtomicFile.WriteAllBytes(target, file, parse.GetValue(force));
            Report(report, setup, backend, source, target, data, result, file.LongLength);
            WarnAboveBudget(console, result.Message, target);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>Refuses more chains than units: a chain codes a contiguous run of at least one unit, and an empty chain would only
    /// add its initial bits and header to the message.</summary>
    /// <exception cref="CliException">chains &gt; 1 and chains &gt; units (usage).</exception>
    internal static void CheckChains(int chains, int units, string unitName)
    {
        if (chains > 1 && chains > units)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"--chains {chains} is more than the {units} {unitName}{(units == 1 ? "" : "s")} to code: each chain codes at least one {unitName}; use --chains {Math.Max(1, units)} or fewer"),
                ExitCodes.Usage);
    }

    /// <summary>Warns on stderr when decoding <paramref name="message"/> needs more than the default <see cref="DecodeBudget"/>.</summary>
    internal static void WarnAboveBudget(CliConsole console, McbMessage message, string target)
    {
        if (DecodeBudget.Default.Allows(message) || DecodeBudget.Measure(message) is not { } need) return;
        var inv = CultureInfo.InvariantCulture;
        string flags = string.Join(' ',
            need.Work > DecodeBudget.DefaultMaxWork ? string.Create(inv, $"--max-work {need.Work}") : "",
            need.LiveParticles > DecodeBudget.DefaultMaxLiveParticles ? string.Create(inv, $"--max-particles {need.LiveParticles}") : "").Trim();
        console.Error.WriteLine(string.Create(inv,
            $"mcbits: warning: {UntrustedText.Excerpt(target)} needs {need.Work} particle-steps and {need.LiveParticles} live particles to decode, above the default budget " +
            $"({DecodeBudget.DefaultMaxWork} and {DecodeBudget.DefaultMaxLiveParticles}); decompress it with {flags}"));
    }

    private static void Report(CommandReport report, CodingSetup setup, IRansBackend backend, string source, string target, byte[] data, EncodeResult r, long fileBytes)
    {
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = setup.ModelName, ["coder"] = setup.Coder.Name,
            ["particles"] = setup.Options.Particles, ["chains"] = setup.Options.Chains, ["seed"] = setup.Options.Seed, ["backend"] = backend.Name,
            ["symbols"] = data.Length, ["units"] = r.Units, ["net_bits_per_symbol"] = r.NetBitsPerSymbol, ["total_bits_per_symbol"] = r.TotalBitsPerSymbol,
            ["ideal_bits_per_symbol"] = data.Length == 0 ? null : setup.Model.MeanIdealBits(data) / setup.Model.SequenceLength,
            ["file_bytes"] = fileBytes, ["initial_bits"] = r.InitialBits, ["seconds"] = r.Seconds,
        });
        var inv = CultureInfo.InvariantCulture;
        int symbols = data.Length;
        double fileBits = symbols == 0 ? 0 : 8.0 * fileBytes / symbols;
        string ideal = symbols == 0 ? "n/a" : CodingText.Bits(setup.Model.MeanIdealBits(data) / setup.Model.SequenceLength);
        report.Line(string.Create(inv, $"{source} -> {target}: {symbols} symbols ({setup.ModelName}), {CodingText.Describe(setup.Coder, setup.Options, backend)}"));
        report.Line(string.Create(inv,
            $"net {CodingText.Bits(r.NetBitsPerSymbol)} bits/symbol, total {CodingText.Bits(r.TotalBitsPerSymbol)} bits/symbol, " +
            $"file {CodingText.Bits(fileBits)} bits/symbol ({fileBytes} bytes), -log2 p(x) {ideal} bits/symbol; " +
            $"initial {r.InitialBits:F1} bits; encode {CodingText.Seconds(r.Seconds)} s"));
        if (setup.Model.SequenceLength > 1)
            report.Line(string.Create(inv,
                $"per {setup.UnitName}: net {CodingText.Bits(r.NetBitsPerUnit)} bits, total {CodingText.Bits(r.TotalBitsPerUnit)} bits ({r.Units} {setup.UnitName}s)"));
    }
}
