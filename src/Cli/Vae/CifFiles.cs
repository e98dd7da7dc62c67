// CifFiles: the CIF branch of `mcbits compress --model cif.ckpt` and `decompress`. A checkpoint is a CIF's when its file starts
// with the CIF magic (compress) or a message's model description starts with "cif " (decompress); it is checked
// (CifCheckpoint.Check: header bounds and tensor bytes) before libtorch is loaded, and libtorch is pinned to one thread so the
// numeric backend messages record is the same on every machine. Compress reads an IDX image file of 8-bit images (the first N
// with --images) and codes them with FlowCodec: --coder lbb-bitswap (default for a CIF), lbb-naive, lbb-is or lbb-cis with -N particles,
// -B chains. Decompress decodes and verifies, then writes the images as an IDX file (gzip when the name ends in .gz).
using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using Engine.Ans.Messages;
using Engine.Cli.Coding;
using Engine.Cli.Infrastructure;
using Engine.Gpu;
using Engine.Models.Data;
using Engine.Models.Neural;
using Engine.Systems;
using Engine.Systems.Flows;
using TorchSharp;

namespace Engine.Cli.Vae;

/// <summary>Compresses and decompresses 8-bit images with a CIF checkpoint.</summary>
internal static class CifFiles
{
    /// <summary>The coder names --coder takes for a CIF.</summary>
    public static readonly IReadOnlyDictionary<string, FlowCoderKind> Coders = new Dictionary<string, FlowCoderKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["lbb-bitswap"] = FlowCoderKind.BitSwap, ["lbb-naive"] = FlowCoderKind.Naive, ["lbb-is"] = FlowCoderKind.ImportanceSampling,
        ["lbb-cis"] = FlowCoderKind.CoupledImportanceSampling,
    };

    /// <summary>True when the file at <paramref name="path"/> starts with the CIF checkpoint magic.</summary>
    public static bool IsCifCheckpoint(string path)
        => CheckpointMagic.Matches(path, "MCBCIF"u8);

    /// <summary>True when <paramref name="message"/> was written with a neural CIF.</summary>
    public static bool IsCifMessage(McbMessage message) => message.Model.StartsWith(CifFlowModel.DescriptionPrefix, StringComparison.Ordinal);

    /// <summary>Loads a CIF checkpoint with libtorch on one thread.</summary>
    /// <exception cref="CliException">Missing or invalid.</exception>
    public static CifFlowModel Load(string path)
    {
        if (!File.Exists(path)) throw new CliException($"CIF checkpoint not found: {UntrustedText.Excerpt(path)} (train one with `mcbits train cif --out {UntrustedText.Excerpt(path)}`)", ExitCodes.Failed);
        try
        {
            CifCheckpoint.Check(path);
            TorchRuntime.EnsureLoaded();
            torch.set_num_threads(1);
            return CifFlowModel.Load(path);
        }
        catch (CheckpointFormatException e)
        {
            throw new CliException($"{UntrustedText.Excerpt(path)} is not a usable CIF checkpoint: {e.Message}", ExitCodes.Failed);
        }
    }

    /// <summary>The compress branch.</summary>
    public static int Compress(ParseResult parse, CodingOptionSet coding, Commands.FlowGridOptions grids, ReportOptions reporting, CliConsole console, string source,
        string? output, bool force, int? limit)
    {
        if (limit < 1) throw new CliException($"--images {limit}: must be at least 1", ExitCodes.Usage);
        if (StandardStreams.IsDash(source)) throw new CliException("CIF images are read from an IDX file; - (standard input) is for symbol data", ExitCodes.Usage);
        string target = output ?? source + Commands.CompressCommand.MessageExtension;
        AtomicFile.CheckWritable(target, force);
        CommandReport report = reporting.Open(parse, console, StandardStreams.IsDash(target));
        string coderName = parse.GetValue(coding.Coder)!;
        if (!Coders.TryGetValue(coderName, out FlowCoderKind kind))
            kind = parse.GetResult(coding.Coder) is null or { Implicit: true } ? FlowCoderKind.BitSwap
                : throw new CliException($"--coder {coderName}: a CIF codes with {string.Join(", ", Coders.Keys)}", ExitCodes.Usage);
        int particles = kind.HasParticles() ? parse.GetValue(coding.Particles) : 1;
        var options = grids.Apply(parse, new FlowOptions { Coder = kind, Particles = particles, Chains = parse.GetValue(coding.Chains), Seed = parse.GetValue(coding.Seed) });
        using CifFlowModel model = Load(coding.ModelValue(parse)!);
        try
        {
            options.Validate(model.Shape.SymbolBits);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException("cannot code a CIF that way: " + CommandGuard.WithoutParameter(e), ExitCodes.Usage);
        }
        byte[] pixels;
        int count;
        try
        {
            IdxArray idx = IdxReader.Read(source, expectedRank: 3);
            int rows = idx.Dimensions[1], cols = idx.Dimensions[2];
            if (rows != model.Header.Shape.Rows || cols != model.Header.Shape.Cols)
                throw new CliException($"{source} holds {rows}x{cols} images; the model codes {model.Header.Shape.Rows}x{model.Header.Shape.Cols}", ExitCodes.Failed);
            count = Math.Min(idx.Dimensions[0], limit ?? int.MaxValue);
            pixels = idx.Data.AsSpan(0, count * rows * cols).ToArray();
        }
        catch (IdxFormatException e)
        {
            throw new CliException($"cannot read images from {source}: {e.Message}", ExitCodes.Failed);
        }
        if (count == 0) throw new CliException($"{source} holds no images to compress", ExitCodes.Failed);
        Commands.CompressCommand.CheckChains(options.Chains, count, "image");
        using IRansBackend backend = BackendOption.CreateBackend(parse, coding.Backend);
        FlowEncodeResult r;
        try
        {
            r = FlowCodec.Encode(pixels, model, options with { Backend = backend, Progress = report.Progress("encoding") });
        }
        catch (ArgumentException e)
        {
            throw new CliException($"cannot code {source} with this model: {CommandGuard.WithoutParameter(e)}", ExitCodes.Failed);
        }
        byte[] file = McbMessageFile.ToBytes(r.Message);
        AtomicFile.WriteAllBytes(target, file, force);
        var inv = CultureInfo.InvariantCulture;
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = model.Identity.Description, ["coder"] = r.Message.Coder, ["particles"] = particles,
            ["chains"] = options.Chains, ["seed"] = options.Seed, ["backend"] = backend.Name, ["images"] = count, ["net_bits_per_dim"] = r.NetBitsPerDim,
            ["total_bits_per_dim"] = r.TotalBitsPerDim, ["own_estimate_bits_per_dim"] = r.EstimatorBitsPerDim, ["escapes"] = r.Escapes,
            ["file_bytes"] = file.LongLength, ["initial_bits"] = r.InitialBits, ["seconds"] = r.Seconds,
        });
        report.Line(string.Create(inv,
            $"{source} -> {target}: {count} images ({model.Identity.Description}), {r.Message.Coder}{(particles > 1 ? $" N={particles}" : "")}, {options.Chains} chain(s), {backend.Name}"));
        report.Line(string.Create(inv,
            $"net {CodingText.Bits(r.NetBitsPerDim)} bits/dim (own estimate {CodingText.Bits(r.EstimatorBitsPerDim)}), total {CodingText.Bits(r.TotalBitsPerDim)} bits/dim, " +
            $"file {CodingText.Bits(8.0 * file.LongLength / ((double)count * model.Shape.Dims))} bits/dim ({file.LongLength} bytes); initial {r.InitialBits:F1} bits; encode {CodingText.Seconds(r.Seconds)} s"));
        return ExitCodes.Ok;
    }

    /// <summary>The decompress branch.</summary>
    /// <exception cref="McbFormatException">The message does not decode with this model (the caller adds the file name).</exception>
    public static int Decompress(CommandReport report, McbMessage message, string source, string target, string? modelPath, IRansBackend backend, bool force)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
            throw new CliException($"{UntrustedText.Excerpt(source)} was written with a CIF ({UntrustedText.Excerpt(message.Model)}); pass --model <checkpoint.ckpt>", ExitCodes.Usage);
        using CifFlowModel model = Load(modelPath);
        DecodeResult result = FlowCodec.Decode(message, model, backend, progress: report.Progress("decoding"));
        int rows = model.Header.Shape.Rows, cols = model.Header.Shape.Cols, n = result.Data.Length / (rows * cols);
        AtomicFile.Write(target, s => WriteIdx(s, result.Data, n, rows, cols, VaeImageFiles.IsGzipPath(target)), force);
        report.Summary(new Dictionary<string, object?>
        {
            ["input"] = source, ["output"] = target, ["model"] = message.Model, ["coder"] = message.Coder, ["chains"] = message.ChainCount,
            ["images"] = n, ["rows"] = rows, ["cols"] = cols, ["written_by"] = message.Backend, ["decoded_by"] = backend.Name, ["seconds"] = result.Seconds,
        });
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{source} -> {target}: {n} images of {rows}x{cols} ({message.Model}), {message.Coder}, {message.ChainCount} chain(s), written by {message.Backend}, " +
            $"decoded by {backend.Name}; verified model fingerprint, network backend, initial state and checksum; decode {CodingText.Seconds(result.Seconds)} s"));
        return ExitCodes.Ok;
    }

    private static void WriteIdx(Stream stream, byte[] pixels, int count, int rows, int cols, bool gzip)
    {
        Stream sink = gzip ? new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true) : stream;
        try
        {
            Span<byte> word = stackalloc byte[4];
            word[0] = 0; word[1] = 0; word[2] = IdxReader.UnsignedByteType; word[3] = 3;
            sink.Write(word);
            foreach (int d in (ReadOnlySpan<int>)[count, rows, cols])
            {
                BinaryPrimitives.WriteUInt32BigEndian(word, (uint)d);
                sink.Write(word);
            }
            sink.Write(pixels);
        }
        finally
        {
            if (gzip) sink.Dispose();
        }
    }
}
