// One-file VAE checkpoint:
//   8 bytes  magic "MCBVAE\x01\n"
//   int32 LE length, then the header as UTF-8 JSON (VaeCheckpointHeader)
//   int64 LE length, then TorchSharp's state-dict bytes (Module.save)
// Save computes the fingerprint and writes it into the header; Load checks the header's shape against
// VaeShapeLimits and the state dict's byte length, then the state dict's layout against the network's
// parameters and its stored values against the fingerprint (StateDictLayout: TorchSharp's loader trusts the
// sizes it reads, and each network built costs native memory), all before libtorch is touched; only then it
// builds the network, loads the state dict and recomputes the fingerprint from the loaded parameters.
// Check and Load read a path or any seekable stream (the fuzz harness feeds checkpoints from memory).
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Ans.Messages;

namespace Engine.Models.Neural;

/// <summary>Saves and loads <see cref="BinaryVae"/> checkpoints with a fingerprinted JSON header.</summary>
public static class VaeCheckpoint
{
    private static readonly byte[] Magic = "MCBVAE\u0001\n"u8.ToArray();
    private const int MaxHeaderBytes = 1 << 20;
    private const long MaxStateBytes = 1L << 30;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

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
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(written, Json);
        var state = new MemoryStream();
        vae.save(state);
        byte[] stateBytes = state.ToArray();

        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        string temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            Span<byte> word = stackalloc byte[8];
            file.Write(Magic);
            BinaryPrimitives.WriteInt32LittleEndian(word, json.Length);
            file.Write(word[..4]);
            file.Write(json);
            BinaryPrimitives.WriteInt64LittleEndian(word, stateBytes.LongLength);
            file.Write(word);
            file.Write(stateBytes);
        }
        try
        {
            File.Move(temp, path, overwrite); // a crash mid-write never leaves a half checkpoint at path
        }
        catch (IOException) when (!overwrite)
        {
            File.Delete(temp);
            throw new IOException($"'{Shown(path)}' already exists (use --force to overwrite)");
        }
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
        var stateBytes = new byte[length];
        stream.ReadExactly(stateBytes);

        if (StateDictLayout.Check(stateBytes, BinaryVae.ParameterSizes(header.Shape), out string? stored) is { } layout)
            throw new CheckpointFormatException($"{Shown(path)}: state dict is not laid out as a {header.Shape} VAE's ({layout}).");
        if (!string.Equals(stored, header.Fingerprint, StringComparison.Ordinal))
            throw new CheckpointFormatException($"{path}: parameters have fingerprint {stored}, header records {header.Fingerprint}.");

        var vae = new BinaryVae(header.Shape, seed: 0);
        try
        {
            vae.load(new MemoryStream(stateBytes), strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            vae.Dispose();
            throw new CheckpointFormatException($"{path}: state dict does not load into a {header.Shape} VAE ({e.Message}).", e);
        }
        vae.eval();
        string actual = ModelFingerprint.Compute(vae);
        if (!string.Equals(actual, header.Fingerprint, StringComparison.Ordinal))
        {
            vae.Dispose();
            throw new CheckpointFormatException($"{path}: parameters have fingerprint {actual}, header records {header.Fingerprint}.");
        }
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
        Span<byte> word = stackalloc byte[8];
        if (file.ReadAtLeast(word, 8, throwOnEndOfStream: false) != 8)
            throw new CheckpointFormatException($"{Shown(path)}: truncated before the state-dict length.");
        long length = BinaryPrimitives.ReadInt64LittleEndian(word);
        if (length <= 0 || length > MaxStateBytes || length != file.Length - file.Position)
            throw new CheckpointFormatException($"{Shown(path)}: state dict length {length} does not match the {file.Length - file.Position} bytes left.");
        if (VaeShapeLimits.CheckStateLength(header.Shape, length) is { } mismatch)
            throw new CheckpointFormatException($"{Shown(path)}: header shape does not fit the stored tensors: {mismatch}.");
        return (header, length);
    }

    private static VaeCheckpointHeader ReadHeader(Stream file, string path)
    {
        Span<byte> word = stackalloc byte[8];
        if (file.ReadAtLeast(word, 8, throwOnEndOfStream: false) != 8 || !word.SequenceEqual(Magic))
            throw new CheckpointFormatException($"{path}: not an mcbits VAE checkpoint (bad magic).");
        if (file.ReadAtLeast(word[..4], 4, throwOnEndOfStream: false) != 4)
            throw new CheckpointFormatException($"{path}: truncated before the header length.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (length <= 0 || length > MaxHeaderBytes)
            throw new CheckpointFormatException($"{path}: header length {length} outside 1..{MaxHeaderBytes}.");
        var json = new byte[length];
        if (file.ReadAtLeast(json, length, throwOnEndOfStream: false) != length)
            throw new CheckpointFormatException($"{path}: truncated inside the header.");
        VaeCheckpointHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<VaeCheckpointHeader>(json, Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"{path}: header is not valid JSON ({e.Message}).", e);
        }
        if (header is null) throw new CheckpointFormatException($"{path}: empty header.");
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
