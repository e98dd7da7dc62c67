// CifCheckpoint: one-file CIF checkpoints in the shared container (CheckpointContainer, magic "MCBCIF\x01\n"). Save fills in
// the shape and fingerprint. Load checks, before libtorch is touched: the header's format, shape bounds
// (CifNetworkShape.Problem) and fingerprint form, the state dict's length against the shape, then its layout against the
// network's parameters and its stored values against the fingerprint (StateDictLayout); only then it builds the network,
// loads the state dict and recomputes the fingerprint from the loaded parameters.
using Engine.Ans.Messages;

namespace Engine.Models.Neural;

/// <summary>Saves and loads <see cref="CifNetwork"/> checkpoints with a fingerprinted JSON header.</summary>
public static class CifCheckpoint
{
    private static readonly byte[] Magic = "MCBCIF\u0001\n"u8.ToArray();

    /// <summary>Writes <paramref name="network"/> with <paramref name="header"/> (shape and fingerprint filled in here); an existing
    /// file is replaced only when <paramref name="overwrite"/>.</summary>
    /// <returns>The header as written.</returns>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static CifCheckpointHeader Save(string path, CifNetwork network, CifCheckpointHeader header, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(header);
        var written = header with { Shape = network.Shape, Fingerprint = ModelFingerprint.Compute(network), Format = CifCheckpointHeader.CurrentFormat };
        var state = new MemoryStream();
        network.save(state);
        CheckpointContainer.Write(path, Magic, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(written, CheckpointContainer.Json),
            state.ToArray(), overwrite);
        return written;
    }

    /// <summary>Reads and checks the header and the state dict's length (no network is built, libtorch is not touched).</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid CIF checkpoint.</exception>
    public static CifCheckpointHeader Check(string path)
    {
        using var file = File.OpenRead(path);
        return ReadChecked(file, path).Header;
    }

    /// <summary>Loads the network, checking its layout and that its parameters have the fingerprint the header records.</summary>
    /// <exception cref="CheckpointFormatException">Malformed file, or a fingerprint mismatch.</exception>
    public static (CifNetwork Network, CifCheckpointHeader Header) Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, path);
    }

    /// <summary>As <see cref="Load(string)"/> from a seekable stream holding a whole checkpoint; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="CheckpointFormatException">Malformed checkpoint, or a fingerprint mismatch.</exception>
    public static (CifNetwork Network, CifCheckpointHeader Header) Load(Stream stream, string path)
    {
        (CifCheckpointHeader header, long length) = ReadChecked(stream, path);
        CifNetwork network = CheckpointContainer.LoadNetwork(stream, path, length, CifNetwork.ParameterSizes(header.Shape), header.Fingerprint,
            $"a {header.Shape} CIF", () => new CifNetwork(header.Shape, seed: 0));
        return (network, header);
    }

    private static (CifCheckpointHeader Header, long StateLength) ReadChecked(Stream file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.CanSeek) throw new ArgumentException("A checkpoint is read from a seekable stream (its length is checked).", nameof(file));
        string shown = UntrustedText.Excerpt(path);
        var header = CheckpointContainer.ReadHeader<CifCheckpointHeader>(file, path, Magic, "CIF");
        if (header.Format != CifCheckpointHeader.CurrentFormat)
            throw new CheckpointFormatException($"{shown}: format '{UntrustedText.Excerpt(header.Format)}', this build reads '{CifCheckpointHeader.CurrentFormat}'.");
        if (header.Shape?.Problem() is { } bad || header.Shape is null)
            throw new CheckpointFormatException($"{shown}: header has no valid network shape ({(header.Shape is null ? "none" : header.Shape.Problem())}).");
        if (header.Fingerprint is null || header.Fingerprint.Length != 64)
            throw new CheckpointFormatException($"{shown}: header fingerprint '{UntrustedText.Excerpt(header.Fingerprint)}' is not a SHA-256 hex digest.");
        long length = CheckpointContainer.ReadStateLength(file, path);
        if (header.Shape.CheckStateLength(length) is { } mismatch)
            throw new CheckpointFormatException($"{shown}: header shape does not fit the stored tensors: {mismatch}.");
        return (header, length);
    }
}
