// One-file VAE checkpoint in the shared container (CheckpointContainer): magic "MCBVAE\x01\n", the header as UTF-8 JSON
// (VaeCheckpointHeader), TorchSharp's state-dict bytes (Module.save).
// Save computes the fingerprint and writes it into the header; Load checks the header's shape against
// VaeShapeLimits and the state dict's byte length, then the state dict's layout against the network's
// parameters and its stored values against the fingerprint (StateDictLayout: TorchSharp's loader trusts the
// sizes it reads, and each network built costs native memory), all before libtorch is touched; only then it
// builds the network, loads the state dict and recomputes the fingerprint from the loaded parameters.
// Check and Load read a path or any seekable stream (the fuzz harness feeds checkpoints from memory).
using System.Text;
using System.Text.Json;
using Engine.Ans.Messages;

namespace Engine.Models.Neural;

/// <summary>Saves and loads <see cref="BinaryVae"/> checkpoints with a fingerprinted JSON header.</summary>
public static class VaeCheckpoint
{
    private static readonly byte[] Magic = "MCBVAE\u0001\n"u8.ToArray();
    private static readonly JsonSerializerOptions Json = CheckpointContainer.Json;

    /// <summary>Writes <paramref name="vae"/> with <paramref name="header"/> (its shape and fingerprint are filled in here).</summary>
    /// <returns>The header as written, with <see cref="VaeCheckpointHeader.Fingerprint"/> set.</returns>
    public static VaeCheckpointHeader Save(string path, BinaryVae vae, VaeCheckpointHeader header) => Save(path, vae, header, overwrite: true);

    /// <summary>Writes <paramref name="vae"/> with <paramref name="header"/>; an existing file at <paramref name="path"/>
    /// (even one that appeared while writing) is replaced only when <paramref name="overwrite"/>.</summary>
    /// <returns>The header as written, with <see cref="VaeCheckpointHeader.Fingerprint"/> set.</returns>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static VaeCheckpointHeader Save(string path, BinaryVae vae, VaeCheckpointHeader header, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(header);
        var written = header with { Shape = vae.Shape, Fingerprint = ModelFingerprint.Compute(vae), Format = VaeCheckpointHeader.CurrentFormat };
        var state = new MemoryStream();
        vae.save(state);
        CheckpointContainer.Write(path, Magic, JsonSerializer.SerializeToUtf8Bytes(written, Json), state.ToArray(), overwrite);
        return written;
    }

    /// <summary>Reads only the header (cheap: no network is built).</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint.</exception>
    public static VaeCheckpointHeader ReadHeader(string path)
    {
        using var file = File.OpenRead(path);
        return ReadHeader(file, path);
    }

    /// <summary>Loads the network, checking that its parameters have the fingerprint the header records.</summary>
    /// <exception cref="CheckpointFormatException">Malformed file, or a fingerprint mismatch.</exception>
    public static (BinaryVae Vae, VaeCheckpointHeader Header) Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, path);
    }

    /// <summary>Loads the network from a seekable <paramref name="stream"/> holding a whole checkpoint (read from its
    /// position to its end); <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointFormatException">Malformed checkpoint, or a fingerprint mismatch.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static (BinaryVae Vae, VaeCheckpointHeader Header) Load(Stream stream, string path)
    {
        (VaeCheckpointHeader header, long length) = ReadChecked(stream, path);
        BinaryVae vae = CheckpointContainer.LoadNetwork(stream, path, length, BinaryVae.ParameterSizes(header.Shape), header.Fingerprint,
            $"a {header.Shape} VAE", () => new BinaryVae(header.Shape, seed: 0));
        return (vae, header);
    }

    /// <summary>Reads the header and the state dict's length and checks both (shape bounds, shape against the
    /// stored bytes) without reading the parameters, building a network or touching libtorch.</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid checkpoint.</exception>
    public static VaeCheckpointHeader Check(string path)
    {
        using var file = File.OpenRead(path);
        return Check(file, path);
    }

    /// <summary>As <see cref="Check(string)"/>, on a seekable <paramref name="stream"/>; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointFormatException">The checkpoint is not valid.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static VaeCheckpointHeader Check(Stream stream, string path) => ReadChecked(stream, path).Header;

    private static (VaeCheckpointHeader Header, long StateLength) ReadChecked(Stream file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.CanSeek) throw new ArgumentException("A checkpoint is read from a seekable stream (its length is checked).", nameof(file));
        VaeCheckpointHeader header = ReadHeader(file, path);
        long length = CheckpointContainer.ReadStateLength(file, path);
        if (VaeShapeLimits.CheckStateLength(header.Shape, length) is { } mismatch)
            throw new CheckpointFormatException($"{Shown(path)}: header shape does not fit the stored tensors: {mismatch}.");
        return (header, length);
    }

    private static VaeCheckpointHeader ReadHeader(Stream file, string path)
    {
        var header = CheckpointContainer.ReadHeader<VaeCheckpointHeader>(file, path, Magic, "VAE");
        if (header.Format != VaeCheckpointHeader.CurrentFormat)
            throw new CheckpointFormatException($"{path}: format '{header.Format}', this build reads '{VaeCheckpointHeader.CurrentFormat}'.");
        if (VaeShapeLimits.Check(header.Shape) is { } bad)
            throw new CheckpointFormatException($"{Shown(path)}: header has no valid network shape ({bad}).");
        if (header.Fingerprint is null || header.Fingerprint.Length != 64)
            throw new CheckpointFormatException($"{Shown(path)}: header fingerprint '{UntrustedText.Excerpt(header.Fingerprint)}' is not a SHA-256 hex digest.");
        return header;
    }

    private static string Shown(string path) => UntrustedText.Excerpt(path);

    /// <summary>The header text of a checkpoint in UTF-8 (for display).</summary>
    public static string FormatHeader(VaeCheckpointHeader header) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(header, Json));
}
