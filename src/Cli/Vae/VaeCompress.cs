// VaeCompress: `mcbits compress images.idx(.gz) --model vae.ckpt --coder bb-is -N 50 -B 10 [--images N]`.
// Reads the IDX images (the first N with --images), binarises them with the checkpoint's rule, codes them with VaeCodec on the chosen rANS backend,
// (latents on the grid --latent-bits / --latent-point ask for), writes the .mcb atomically and prints net / total / file
// bits per pixel (bits/dim), the initial bits and
// the time. CompressCommand hands over here when --model names a checkpoint.
using System.CommandLine;
using System.Globalization;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Vae;

namespace Engine.Cli.Vae;

/// <summary>The VAE branch of the compress command.</summary>
internal static class VaeCompress
{
    /// <summary>Compresses <paramref name="source"/> (its first <paramref name="limit"/> images when given) with the checkpoint named by --model.</summary>
    public static int Run(ParseResult parse, CodingOptionSet coding, Commands.LatentGridOptions latents, ReportOptions reporting, CliConsole console, string source, string? output, bool force, int? limit = null)
    {
        if (limit < 1) throw new CliException($"--images {limit}: must be at least 1", ExitCodes.Usage);
        if (StandardStreams.IsDash(source))
            throw new CliException("VAE images are read from an IDX file; - (standard input) is for symbol data", ExitCodes.Usage);
        string target = output ?? source + Commands.CompressCommand.MessageExtension;
        AtomicFile.CheckWritable(target, force);
        CommandReport report = reporting.Open(parse, console, StandardStreams.IsDash(target));
        CoderOptions options = coding.ReadFor(parse, "a VAE", VaeCodec.Validate, out CoderVariant coder);
        VaeLatentGrid grid = VaeGridReader.Read(parse, latents);
        using VaeModel model = VaeModelFile.Load(coding.ModelValue(parse));
        BinaryImages images = VaeImageFiles.ReadToCompress(source, model.Prepare, limit);
        Commands.CompressCommand.CheckChains(options.Chains, images.Count, "image");
        using IRansBackend backend = BackendOption.CreateBackend(parse, coding.Backend);
        EncodeResult r = VaeCodec.Encode(images, model, options with { Backend = backend, Progress = report.Progress("encoding") }, grid);
        byte[] file = McbMessageFile.ToBytes(r.Message);
        AtomicFile.WriteAllBytes(target, file, force);
        var inv = CultureInfo.InvariantCulture;
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = VaeCodec.Description(model), ["coder"] = coder.Name,
            ["particles"] = options.Particles, ["chains"] = options.Chains, ["latent_bits"] = grid.PriorBits, ["latent_point"] = grid.PointName, ["seed"] = options.Seed, ["backend"] = backend.Name,
            ["images"] = images.Count, ["rows"] = images.Rows, ["cols"] = images.Cols, ["net_bits_per_dim"] = r.NetBitsPerSymbol,
            ["total_bits_per_dim"] = r.TotalBitsPerSymbol, ["file_bytes"] = file.LongLength, ["initial_bits"] = r.InitialBits, ["seconds"] = r.Seconds,
        });
        report.Line(string.Create(inv,
            $"{source} -> {target}: {images.Count} images of {images.Rows}x{images.Cols} ({VaeCodec.Description(model)}), {CodingText.Describe(coder, options, backend)}, latents on {grid}"));
        report.Line(string.Create(inv,
            $"net {CodingText.Bits(r.NetBitsPerSymbol)} bits/dim, total {CodingText.Bits(r.TotalBitsPerSymbol)} bits/dim, " +
            $"file {CodingText.Bits(8.0 * file.LongLength / r.Symbols)} bits/dim ({file.LongLength} bytes); initial {r.InitialBits:F1} bits; encode {CodingText.Seconds(r.Seconds)} s"));
        Commands.CompressCommand.WarnAboveBudget(console, r.Message, target);
        return ExitCodes.Ok;
    }
}
