// VrnnCheckpoint: one-file VRNN checkpoints in the shared container (CheckpointContainer, magic "MCBVRN\x01\n"). Save fills in
// the shape and fingerprint. Check and Load check, before libtorch is touched: the header's format, shape bounds
// (VrnnShape.Problem) and fingerprint form, the state dict's length against the shape (VrnnShape.CheckStateLength); Load
// then checks the state dict's layout against the network's parameters and its stored values against the fingerprint
// (StateDictLayout), and only then builds the network, loads the state dict and recomputes the fingerprint from the loaded
// parameters. Both read a path or any seekable stream.
using System.Text.Json;
using Engine.Ans.Messages;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Saves and loads <see cref="VrnnNetwork"/> checkpoints with a fingerprinted JSON header.</summary>
public static class VrnnCheckpoint
{
    private static readonly byte[] Magic = "MCBVRN\u0001\n"u8.ToArray();

    /// <summary>Writes <paramref name="network"/> with <paramref name="header"/> (shape and fingerprint filled in here); an existing
    /// file (even one that appeared while writing) is replaced only when <paramref name="overwrite"/>.</summary>
    /// <returns>The header as written.</returns>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static VrnnCheckpointHeader Save(string path, VrnnNetwork network, VrnnCheckpointHeader header, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(header);
        var written = header with { Shape = network.Shape, Fingerprint = ModelFingerprint.Compute(network), Format = VrnnCheckpointHeader.CurrentFormat };
        var state = new MemoryStream();
        network.save(state);
        CheckpointContainer.Write(path, Magic, JsonSerializer.SerializeToUtf8Bytes(written, CheckpointContainer.Json), state.ToArray(), overwrite);
        return written;
    }

    /// <summary>Reads only the header and checks its format, shape and fingerprint form (cheap: no network is built).</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid VRNN checkpoint.</exception>
    public static VrnnCheckpointHeader ReadHeader(string path)
    {
        using var file = File.OpenRead(path);
        return ReadHeader(file, path);
    }

    /// <summary>Reads and checks the header and the state dict's length (no network is built, libtorch is not touched).</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid VRNN checkpoint.</exception>
    public static VrnnCheckpointHeader Check(string path)
    {
        using var file = File.OpenRead(path);
        return Check(file, path);
    }

    /// <summary>As <see cref="Check(string)"/>, on a seekable <paramref name="stream"/>; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointFormatException">The checkpoint is not valid.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static VrnnCheckpointHeader Check(Stream stream, string path) => ReadChecked(stream, path).Header;

    /// <summary>Loads the network, checking its layout and that its parameters have the fingerprint the header records.</summary>
    /// <exception cref="CheckpointFormatException">Malformed file, or a fingerprint mismatch.</exception>
    public static (VrnnNetwork Network, VrnnCheckpointHeader Header) Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, path);
    }

    /// <summary>As <see cref="Load(string)"/> from a seekable stream holding a whole checkpoint (read from its position to its
    /// end); <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointFormatException">Malformed checkpoint, or a fingerprint mismatch.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static (VrnnNetwork Network, VrnnCheckpointHeader Header) Load(Stream stream, string path)
    {
        (VrnnCheckpointHeader header, long length) = ReadChecked(stream, path);
        VrnnNetwork network = CheckpointContainer.LoadNetwork(stream, path, length, VrnnNetwork.ParameterSizes(header.Shape), header.Fingerprint,
            $"a {header.Shape} VRNN", () => new VrnnNetwork(header.Shape, seed: 0));
        return (network, header);
    }

    private static (VrnnCheckpointHeader Header, long StateLength) ReadChecked(Stream file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.CanSeek) throw new ArgumentException("A checkpoint is read from a seekable stream (its length is checked).", nameof(file));
        VrnnCheckpointHeader header = ReadHeader(file, path);
        long length = CheckpointContainer.ReadStateLength(file, path);
        if (header.Shape.CheckStateLength(length) is { } mismatch)
            throw new CheckpointFormatException($"{UntrustedText.Excerpt(path)}: header shape does not fit the stored tensors: {mismatch}.");
        return (header, length);
    }

    private static VrnnCheckpointHeader ReadHeader(Stream file, string path)
    {
        string shown = UntrustedText.Excerpt(path);
        var header = CheckpointContainer.ReadHeader<VrnnCheckpointHeader>(file, path, Magic, "VRNN");
        if (header.Format != VrnnCheckpointHeader.CurrentFormat)
            throw new CheckpointFormatException($"{shown}: format '{UntrustedText.Excerpt(header.Format)}', this build reads '{VrnnCheckpointHeader.CurrentFormat}'.");
        if (header.Shape is null || header.Shape.Problem() is not null)
            throw new CheckpointFormatException($"{shown}: header has no valid network shape ({header.Shape?.Problem() ?? "none"}).");
        if (header.Fingerprint is null || header.Fingerprint.Length != 64)
            throw new CheckpointFormatException($"{shown}: header fingerprint '{UntrustedText.Excerpt(header.Fingerprint)}' is not a SHA-256 hex digest.");
        return header;
    }
}
