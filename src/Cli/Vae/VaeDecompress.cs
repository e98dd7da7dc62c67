// VaeDecompress: the VAE branch of `mcbits decompress`. A VAE message cannot rebuild its model from its
// description, so --model must name the checkpoint; VaeCodec checks its fingerprint and the network
// backend, decodes, verifies (initial state, checksum) and only then the images are written, as an IDX
// file of 0 / 255 bytes (gzip when the target ends in .gz), atomically through AtomicFile. A format
// version 1 message verifies its pixels but not the rows x cols it gives them (docs/format.md#version-2):
// it still decodes, with a warning on stderr that the shape is taken on trust.
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

/// <summary>Decodes VAE messages to IDX image files.</summary>
internal static class VaeDecompress
{
    /// <summary>Decodes <paramref name="message"/> (read from <paramref name="source"/>) with the checkpoint <paramref name="modelPath"/>.</summary>
    /// <exception cref="McbFormatException">The message does not decode with this model (the caller adds the file name).</exception>
    public static int Run(CliConsole console, CommandReport report, McbMessage message, string source, string target, string? modelPath, IRansBackend backend, bool force = true)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
            throw new CliException($"{UntrustedText.Excerpt(source)} was written with a VAE ({UntrustedText.Excerpt(message.Model)}); pass --model <checkpoint.ckpt>", ExitCodes.Usage);
        using VaeModel model = VaeModelFile.Load(modelPath);
        DecodeResult result = VaeCodec.Decode(message, model, backend, progress: report.Progress("decoding"));
        (int rows, int cols) = VaeCodec.ImageShape(message);
        int n = result.Data.Length / (rows * cols);
        var images = new BinaryImages(rows, cols, result.Data, new byte[n], Enumerable.Range(0, n).ToArray());
        AtomicFile.Write(target, s => VaeImageFiles.Write(s, images, VaeImageFiles.IsGzipPath(target)), force);
        bool shapeVerified = OutputChecksum.CoversShape(message.FormatVersion);
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = message.Model, ["coder"] = message.Coder, ["chains"] = message.ChainCount,
            ["images"] = n, ["rows"] = rows, ["cols"] = cols, ["written_by"] = message.Backend, ["decoded_by"] = backend.Name,
            ["format_version"] = message.FormatVersion, ["shape_verified"] = shapeVerified, ["seconds"] = result.Seconds,
        });
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{source} -> {target}: {n} images of {rows}x{cols} ({message.Model}), {message.Coder} N={message.CoderParameters["particles"]}, " +
            $"{message.ChainCount} chain(s), written by {message.Backend}, decoded by {backend.Name}; verified model fingerprint, network backend, " +
            $"initial state and checksum ({(shapeVerified ? "pixels and image shape" : "pixels only")}); decode {CodingText.Seconds(result.Seconds)} s"));
        if (!shapeVerified)
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mcbits: warning: {UntrustedText.Excerpt(source)} is a format version {message.FormatVersion} message: its checksum covers the pixels but not " +
                $"the image shape, so {rows}x{cols} is taken on trust; compressing the images again writes version {McbMessage.CurrentVersion}, which verifies it"));
        return ExitCodes.Ok;
    }
}
