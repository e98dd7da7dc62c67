// VaeDecompress: the VAE branch of `mcbits decompress`. A VAE message cannot rebuild its model from its
// description, so --model must name the checkpoint; VaeCodec checks its fingerprint and the network
// backend, decodes, verifies (initial state, checksum) and only then the images are written, as an IDX
// file of 0 / 255 bytes (gzip when the target ends in .gz), atomically through AtomicFile.
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
    public static int Run(CliConsole console, McbMessage message, string source, string target, string? modelPath, IRansBackend backend, bool force = true)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
            throw new CliException($"{UntrustedText.Excerpt(source)} was written with a VAE ({UntrustedText.Excerpt(message.Model)}); pass --model <checkpoint.ckpt>", ExitCodes.Usage);
        using VaeModel model = VaeModelFile.Load(modelPath);
        DecodeResult result = VaeCodec.Decode(message, model, backend);
        (int rows, int cols) = VaeCodec.ImageShape(message);
        int n = result.Data.Length / (rows * cols);
        var images = new BinaryImages(rows, cols, result.Data, new byte[n], Enumerable.Range(0, n).ToArray());
        AtomicFile.Write(target, s => VaeImageFiles.Write(s, images, VaeImageFiles.IsGzipPath(target)), force);
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"{source} -> {target}: {n} images of {rows}x{cols} ({message.Model}), {message.Coder} N={message.CoderParameters["particles"]}, " +
            $"{message.ChainCount} chain(s), written by {message.Backend}, decoded by {backend.Name}; verified model fingerprint, network backend, " +
            $"initial state and checksum; decode {CodingText.Seconds(result.Seconds)} s"));
        return ExitCodes.Ok;
    }
}
