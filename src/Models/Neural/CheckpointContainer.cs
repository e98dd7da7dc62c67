// CheckpointContainer: the byte layout every mcbits checkpoint shares, read as untrusted input:
//   8 bytes  magic (one per model kind, e.g. "MCBCIF\x01\n")
//   int32 LE length, then the header as UTF-8 JSON
//   int64 LE length, then TorchSharp's state-dict bytes (Module.save)
// Lengths are bounded and checked against what the stream holds before anything is allocated from them; the caller
// checks the header's meaning and the state dict's layout (StateDictLayout) before building a network.
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engine.Ans.Messages;

namespace Engine.Models.Neural;

internal static class CheckpointContainer
{
    public const int MaxHeaderBytes = 1 << 20;
    public const long MaxStateBytes = 1L << 30;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes magic, header and state to <paramref name="path"/> through a temporary file of its own (removed if anything
    /// fails), so a crash never leaves half a checkpoint there and two writers never share a temporary; an existing file is replaced only when <paramref name="overwrite"/>.</summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static void Write(string path, ReadOnlySpan<byte> magic, byte[] header, byte[] state, bool overwrite)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        string temp = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            using var file = File.Create(temp);
            Span<byte> word = stackalloc byte[8];
            file.Write(magic);
            BinaryPrimitives.WriteInt32LittleEndian(word, header.Length);
            file.Write(word[..4]);
            file.Write(header);
            BinaryPrimitives.WriteInt64LittleEndian(word, state.LongLength);
            file.Write(word);
            file.Write(state);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        try
        {
            File.Move(temp, path, overwrite);
        }
        catch (IOException) when (!overwrite)
        {
            File.Delete(temp);
            throw new IOException($"'{UntrustedText.Excerpt(path)}' already exists (use --force to overwrite)");
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads and parses the header of type <typeparamref name="T"/> after checking the magic (<paramref name="what"/> names the
    /// kind in errors).</summary>
    /// <exception cref="CheckpointFormatException">Bad magic, a bad length, truncation or invalid JSON.</exception>
    public static T ReadHeader<T>(Stream file, string path, ReadOnlySpan<byte> magic, string what) where T : class
    {
        string shown = UntrustedText.Excerpt(path);
        Span<byte> word = stackalloc byte[8];
        if (file.ReadAtLeast(word, 8, throwOnEndOfStream: false) != 8 || !word.SequenceEqual(magic))
            throw new CheckpointFormatException($"{shown}: not an mcbits {what} checkpoint (bad magic).");
        if (file.ReadAtLeast(word[..4], 4, throwOnEndOfStream: false) != 4)
            throw new CheckpointFormatException($"{shown}: truncated before the header length.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(word);
        if (length <= 0 || length > MaxHeaderBytes)
            throw new CheckpointFormatException($"{shown}: header length {length} outside 1..{MaxHeaderBytes}.");
        if (length > file.Length - file.Position)
            throw new CheckpointFormatException($"{shown}: truncated inside the header.");
        var json = new byte[length];
        file.ReadExactly(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new CheckpointFormatException($"{shown}: empty header.");
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException($"{shown}: header is not valid JSON ({e.Message}).", e);
        }
    }

    /// <summary>Reads the <paramref name="length"/> state-dict bytes that follow and builds the network from them, in the order every
    /// checkpoint kind keeps: the layout against the network's <paramref name="parameters"/> and the stored values against the header's
    /// <paramref name="fingerprint"/> (StateDictLayout) before anything is built, then <paramref name="build"/>, a strict load, and the
    /// fingerprint again from the loaded parameters. <paramref name="what"/> names the network in errors ("a 28-64-128-4 VRNN").</summary>
    /// <exception cref="CheckpointFormatException">Bad layout, a fingerprint mismatch, or a state dict that does not load.</exception>
    public static T LoadNetwork<T>(Stream file, string path, long length, IReadOnlyList<(string Name, long[] Sizes)> parameters, string fingerprint,
        string what, Func<T> build) where T : TorchSharp.torch.nn.Module
    {
        var state = new byte[length];
        file.ReadExactly(state);
        string shown = UntrustedText.Excerpt(path);
        if (StateDictLayout.Check(state, parameters, out string? stored) is { } layout)
            throw new CheckpointFormatException($"{shown}: state dict is not laid out as {what}'s ({layout}).");
        if (!string.Equals(stored, fingerprint, StringComparison.Ordinal))
            throw new CheckpointFormatException($"{shown}: parameters have fingerprint {stored}, header records {fingerprint}.");
        T network = build();
        try
        {
            network.load(new MemoryStream(state), strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            network.Dispose();
            throw new CheckpointFormatException($"{shown}: state dict does not load into {what} ({e.Message}).", e);
        }
        network.eval();
        string actual = ModelFingerprint.Compute(network);
        if (!string.Equals(actual, fingerprint, StringComparison.Ordinal))
        {
            network.Dispose();
            throw new CheckpointFormatException($"{shown}: parameters have fingerprint {actual}, header records {fingerprint}.");
        }
        return network;
    }

    /// <summary>Reads the state dict's length, which must be exactly what is left of the seekable stream and at most 1 GiB.</summary>
    /// <exception cref="CheckpointFormatException">The length is missing or wrong.</exception>
    public static long ReadStateLength(Stream file, string path)
    {
        Span<byte> word = stackalloc byte[8];
        if (file.ReadAtLeast(word, 8, throwOnEndOfStream: false) != 8)
            throw new CheckpointFormatException($"{UntrustedText.Excerpt(path)}: truncated before the state-dict length.");
        long length = BinaryPrimitives.ReadInt64LittleEndian(word);
        if (length <= 0 || length > MaxStateBytes || length != file.Length - file.Position)
            throw new CheckpointFormatException($"{UntrustedText.Excerpt(path)}: state dict length {length} does not match the {file.Length - file.Position} bytes left.");
        return length;
    }
}
