// Reads IDX files (the MNIST container), plain or gzip-wrapped, and writes them (tests, tools).
// How: the 4-byte magic is 0, 0, type, rank; then rank big-endian uint32 sizes; then the body.
// The reader never trusts the header for allocation: the body buffer grows with the bytes that really
// arrive (capped by the header's claim and by MaxElements), so a corrupt or hostile header cannot make
// it allocate gigabytes. A body shorter or longer than claimed is an IdxFormatException.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Engine.Models.Data;

/// <summary>Reads and writes IDX files of unsigned bytes (the MNIST / Fashion-MNIST format), optionally gzip-compressed.</summary>
public static class IdxReader
{
    /// <summary>Element type code for unsigned bytes, the only type Fashion-MNIST uses.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>Largest body accepted by default (256 Mi elements; Fashion-MNIST's biggest file holds 47 M).</summary>
    public const long DefaultMaxElements = 1L << 28;

    private const int MaxRank = 8;
    private const int FirstChunk = 1 << 16;

    /// <summary>Reads an IDX file; a gzip wrapper (magic 1F 8B) is detected and removed.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="expectedRank">When not null, the rank the caller needs (1 for labels, 3 for images).</param>
    /// <param name="maxElements">Upper bound on the body size accepted from the header.</param>
    /// <exception cref="IdxFormatException">The file is not a valid IDX array of unsigned bytes.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxArray Read(string path, int? expectedRank = null, long maxElements = DefaultMaxElements)
    {
        using var file = File.OpenRead(path);
        return Read(file, path, expectedRank, maxElements);
    }

    /// <summary>Reads an IDX array from a stream (gzip detected by its magic); <paramref name="name"/> labels errors.</summary>
    /// <exception cref="IdxFormatException">The stream is not a valid IDX array of unsigned bytes.</exception>
    public static IdxArray Read(Stream stream, string name, int? expectedRank = null, long maxElements = DefaultMaxElements)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = new BufferedStream(stream, 1 << 16);
        Span<byte> sniff = stackalloc byte[2];
        int got = ReadUpTo(buffered, sniff, name);
        bool gzip = got == 2 && sniff[0] == 0x1F && sniff[1] == 0x8B;
        // Put the sniffed bytes back in front of the rest of the stream.
        Stream body = new PrefixedStream(sniff[..got].ToArray(), buffered);
        if (gzip) body = new GZipStream(body, CompressionMode.Decompress);
        try
        {
            return ReadIdx(body, name, expectedRank, maxElements);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException($"{name}: corrupt gzip stream ({e.Message}).", e);
        }
        finally
        {
            if (gzip) body.Dispose();
        }
    }

    /// <summary>Writes an IDX array of unsigned bytes, gzip-compressed when <paramref name="gzip"/> is set.</summary>
    public static void Write(string path, IdxArray array, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(array);
        using var file = File.Create(path);
        using Stream sink = gzip ? new GZipStream(file, CompressionLevel.Optimal) : file;
        Span<byte> word = stackalloc byte[4];
        word[0] = 0; word[1] = 0; word[2] = UnsignedByteType; word[3] = checked((byte)array.Rank);
        sink.Write(word);
        foreach (int d in array.Dimensions)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)d);
            sink.Write(word);
        }
        sink.Write(array.Data);
    }

    private static IdxArray ReadIdx(Stream s, string name, int? expectedRank, long maxElements)
    {
        Span<byte> magic = stackalloc byte[4];
        if (ReadUpTo(s, magic, name) != 4) throw new IdxFormatException($"{name}: shorter than the 4-byte IDX magic.");
        if (magic[0] != 0 || magic[1] != 0)
            throw new IdxFormatException($"{name}: bad IDX magic {magic[0]:X2} {magic[1]:X2} (expected 00 00).");
        if (magic[2] != UnsignedByteType)
            throw new IdxFormatException($"{name}: IDX element type 0x{magic[2]:X2} is not supported (only 0x08, unsigned byte).");
        int rank = magic[3];
        if (rank < 1 || rank > MaxRank) throw new IdxFormatException($"{name}: IDX rank {rank} outside 1..{MaxRank}.");
        if (expectedRank is int want && rank != want)
            throw new IdxFormatException($"{name}: IDX rank {rank}, expected {want}.");

        var dims = new int[rank];
        Span<byte> word = stackalloc byte[4];
        long product = 1;
        for (int i = 0; i < rank; i++)
        {
            if (ReadUpTo(s, word, name) != 4) throw new IdxFormatException($"{name}: IDX header truncated in dimension {i}.");
            uint d = BinaryPrimitives.ReadUInt32BigEndian(word);
            if (d > int.MaxValue) throw new IdxFormatException($"{name}: IDX dimension {i} = {d} is too large.");
            dims[i] = (int)d;
            product *= d;
            if (product > maxElements)
                throw new IdxFormatException($"{name}: IDX header claims more than {maxElements} elements.");
        }

        // Grow with the data actually present, never beyond the (checked) claim.
        var data = new byte[Math.Min(product, FirstChunk)];
        long filled = 0;
        while (filled < product)
        {
            if (filled == data.Length)
                Array.Resize(ref data, (int)Math.Min(product, (long)data.Length * 2));
            int n = s.Read(data, (int)filled, data.Length - (int)filled);
            if (n == 0)
                throw new IdxFormatException($"{name}: IDX body truncated: {filled} of {product} bytes present.");
            filled += n;
        }
        if (s.ReadByte() >= 0)
            throw new IdxFormatException($"{name}: IDX body longer than its header's {product} bytes.");
        return new IdxArray(dims, data);
    }

    private static int ReadUpTo(Stream s, Span<byte> buffer, string name)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = s.Read(buffer[total..]);
                if (n == 0) break;
                total += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException($"{name}: corrupt gzip stream ({e.Message}).", e);
        }
        return total;
    }
}
