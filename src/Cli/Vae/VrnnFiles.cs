// VrnnFiles: the VRNN branch of `mcbits compress --model vrnn.ckpt` and `decompress`. A checkpoint is a VRNN's when its file
// starts with the VRNN magic (compress) or a message's model description starts with "vrnn " (decompress); it is checked
// (VrnnCheckpoint.Check: header bounds and tensor bytes) before libtorch is loaded, and libtorch is pinned to one thread so the
// numeric backend a message records is the same on every machine of that CPU kind. Compress reads an IDX image file (the first
// N with --images), binarises it by the checkpoint's rule and codes each image as a sequence of its rows with VrnnCodec:
// --coder bb-elbo, bb-is, bb-smc(-adaptive), bb-cis or bb-csmc(-adaptive) with -N particles, -B chains, latents on the grid
// --latent-bits / --latent-point / --proposal-bits ask for (VrnnCodec.DefaultGrid otherwise). Decompress decodes, verifies and
// writes the images as an IDX file of 0 / 255 bytes (gzip when the name ends in .gz).
using System.CommandLine;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Models.Neural.Vrnn;
using Engine.Systems;
using Engine.Systems.Vae;
using TorchSharp;

namespace Engine.Cli.Vae;

/// <summary>Compresses and decompresses binarised images, row by row, with a VRNN checkpoint.</summary>
internal static class VrnnFiles
{
    /// <summary>True when the file at <paramref name="path"/> starts with the VRNN checkpoint magic.</summary>
    public static bool IsVrnnCheckpoint(string path)
        => CheckpointMagic.Matches(path, "MCBVRN"u8);

    /// <summary>True when <paramref name="message"/> was written with a VRNN.</summary>
    public static bool IsVrnnMessage(McbMessage message) => VrnnCodec.IsVrnnMessage(message);

    /// <summary>Loads a VRNN checkpoint with libtorch on one thread.</summary>
    /// <exception cref="CliException">Missing or invalid.</exception>
    public static VrnnModel Load(string path)
    {
        if (!File.Exists(path))
            throw new CliException($"VRNN checkpoint not found: {UntrustedText.Excerpt(path)} (train one with `mcbits train vrnn --out {UntrustedText.Excerpt(path)}`)", ExitCodes.Failed);
        try
        {
            VrnnCheckpoint.Check(path);
            TorchRuntime.EnsureLoaded();
            torch.set_num_threads(1);
            return VrnnModel.Load(path);
        }
        catch (CheckpointFormatException e)
        {
            throw new CliException($"{UntrustedText.Excerpt(path)} is not a usable VRNN checkpoint: {e.Message}", ExitCodes.Failed);
        }
    }

    /// <summary>The compress branch.</summary>
    public static int Compress(ParseResult parse, CodingOptionSet coding, Commands.LatentGridOptions latents, ReportOptions reporting, CliConsole console,
        string source, string? output, bool force, int? limit)
    {
        if (limit < 1) throw new CliException($"--images {limit}: must be at least 1", ExitCodes.Usage);
        if (StandardStreams.IsDash(source)) throw new CliException("VRNN sequences are read from an IDX image file; - (standard input) is for symbol data", ExitCodes.Usage);
        string target = output ?? source + Commands.CompressCommand.MessageExtension;
        AtomicFile.CheckWritable(target, force);
        CommandReport report = reporting.Open(parse, console, StandardStreams.IsDash(target));
        CoderOptions options = coding.ReadFor(parse, "a VRNN", VrnnCodec.Validate, out CoderVariant coder);
        VaeLatentGrid grid = VaeGridReader.Read(parse, latents, VrnnCodec.DefaultGrid);
        using VrnnModel model = Load(coding.ModelValue(parse)!);
        BinaryImages sequences = VaeImageFiles.ReadToCompress(source, model.Prepare, limit);
        Commands.CompressCommand.CheckChains(options.Chains, sequences.Count, "image");
        using IRansBackend backend = BackendOption.CreateBackend(parse, coding.Backend);
        EncodeResult r = VrnnCodec.Encode(sequences, model, options with { Backend = backend, Progress = report.Progress("encoding") }, grid);
        byte[] file = McbMessageFile.ToBytes(r.Message);
        AtomicFile.WriteAllBytes(target, file, force);
        var inv = CultureInfo.InvariantCulture;
        string description = VrnnLatentModel.Describe(model);
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = description, ["coder"] = coder.Name, ["particles"] = options.Particles,
            ["chains"] = options.Chains, ["latent_bits"] = grid.PriorBits, ["latent_precision"] = grid.ProposalPrecision, ["latent_point"] = grid.PointName,
            ["seed"] = options.Seed, ["backend"] = backend.Name, ["images"] = sequences.Count, ["rows"] = sequences.Rows, ["cols"] = sequences.Cols,
            ["net_bits_per_dim"] = r.NetBitsPerSymbol, ["total_bits_per_dim"] = r.TotalBitsPerSymbol, ["own_estimate_bits_per_dim"] = r.EstimatorBitsPerUnit / ((double)sequences.Rows * sequences.Cols),
            ["file_bytes"] = file.LongLength, ["initial_bits"] = r.InitialBits, ["seconds"] = r.Seconds,
        });
        report.Line(string.Create(inv,
            $"{source} -> {target}: {sequences.Count} sequences of {sequences.Rows} steps x {sequences.Cols} ({description}), {CodingText.Describe(coder, options, backend)}, latents on {grid}"));
        report.Line(string.Create(inv,
            $"net {CodingText.Bits(r.NetBitsPerSymbol)} bits/dim, total {CodingText.Bits(r.TotalBitsPerSymbol)} bits/dim, " +
            $"file {CodingText.Bits(8.0 * file.LongLength / r.Symbols)} bits/dim ({file.LongLength} bytes); initial {r.InitialBits:F1} bits; encode {CodingText.Seconds(r.Seconds)} s"));
        Commands.CompressCommand.WarnAboveBudget(console, r.Message, target);
        return ExitCodes.Ok;
    }

    /// <summary>The decompress branch.</summary>
    /// <exception cref="McbFormatException">The message does not decode with this model (the caller adds the file name).</exception>
    public static int Decompress(CommandReport report, McbMessage message, string source, string target, string? modelPath, IRansBackend backend, bool force)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
            throw new CliException($"{UntrustedText.Excerpt(source)} was written with a VRNN ({UntrustedText.Excerpt(message.Model)}); pass --model <checkpoint.ckpt>", ExitCodes.Usage);
        using VrnnModel model = Load(modelPath);
        DecodeResult result = VrnnCodec.Decode(message, model, backend, progress: report.Progress("decoding"));
        (int rows, int cols) = VrnnCodec.SequenceShape(message);
        int n = result.Data.Length / (rows * cols);
        var images = new BinaryImages(rows, cols, result.Data, new byte[n], Enumerable.Range(0, n).ToArray());
        AtomicFile.Write(target, s => VaeImageFiles.Write(s, images, VaeImageFiles.IsGzipPath(target)), force);
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = message.Model, ["coder"] = message.Coder, ["chains"] = message.ChainCount,
            ["images"] = n, ["rows"] = rows, ["cols"] = cols, ["written_by"] = message.Backend, ["decoded_by"] = backend.Name, ["seconds"] = result.Seconds,
        });
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{source} -> {target}: {n} sequences of {rows} steps x {cols} ({message.Model}), {message.Coder} N={message.CoderParameters["particles"]}, " +
            $"{message.ChainCount} chain(s), written by {message.Backend}, decoded by {backend.Name}; verified model fingerprint, network backend, " +
            $"initial state and checksum; decode {CodingText.Seconds(result.Seconds)} s"));
        return ExitCodes.Ok;
    }
}
