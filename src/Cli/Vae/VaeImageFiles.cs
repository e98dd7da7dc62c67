// VaeImageFiles: the IDX side of `mcbits compress --model x.ckpt` / `decompress`. Compress reads an IDX
// image file (rank 3: count × rows × cols, unsigned bytes, plain or .gz) and binarises it with the
// checkpoint's own rule (VaeModel.Prepare), so a Fashion-MNIST file codes exactly the images the model was
// scored on. Decompress writes the decoded binary images as an IDX file of 0 / 255 bytes: viewable, and
// both binarisation rules map 0 → 0 and 255 → 1, so compressing that file again codes the same images.
using System.Buffers.Binary;
using System.IO.Compression;
using Engine.Models.Data;

namespace Engine.Cli.Vae;

/// <summary>Reads images to compress and writes decompressed ones, as IDX files.</summary>
internal static class VaeImageFiles
{
    /// <summary>The images to compress from <paramref name="source"/> (its first <paramref name="limit"/>), binarised by
    /// <paramref name="prepare"/>; a file that is not an image file, or not the model's size, or empty, is one error line (exit 2).</summary>
    /// <exception cref="Infrastructure.CliException">The file cannot be read as the model's images.</exception>
    public static BinaryImages ReadToCompress(string source, Func<ImageSet, BinaryImages> prepare, int? limit)
    {
        BinaryImages images;
        try
        {
            images = Read(source, prepare, limit);
        }
        catch (IdxFormatException e)
        {
            throw new Infrastructure.CliException($"cannot read images from {source}: {e.Message}", Infrastructure.ExitCodes.Failed);
        }
        catch (ArgumentException e)
        {
            throw new Infrastructure.CliException($"cannot read images from {source}: {Infrastructure.CommandGuard.WithoutParameter(e)}", Infrastructure.ExitCodes.Failed);
        }
        if (images.Count == 0) throw new Infrastructure.CliException($"{source} holds no images to compress", Infrastructure.ExitCodes.Failed);
        return images;
    }

    /// <summary>Reads an IDX image file (its first <paramref name="limit"/> images) and binarises it with <paramref name="prepare"/>.</summary>
    /// <exception cref="IdxFormatException">The file is not a rank-3 unsigned-byte IDX file.</exception>
    /// <exception cref="ArgumentException"><paramref name="prepare"/> refuses the images.</exception>
    public static BinaryImages Read(string path, Func<ImageSet, BinaryImages> prepare, int? limit = null)
    {
        IdxArray idx = IdxReader.Read(path, expectedRank: 3);
        int n = idx.Dimensions[0], rows = idx.Dimensions[1], cols = idx.Dimensions[2];
        var images = new ImageSet(rows, cols, idx.Data, new byte[n], Enumerable.Range(0, n).ToArray());
        if (limit is int l) images = images.Take(l);
        return prepare(images);
    }

    /// <summary>Writes binary images to <paramref name="stream"/> as an IDX array of 0 / 255 bytes, gzip-wrapped when <paramref name="gzip"/>.</summary>
    /// <remarks>Written here rather than through IdxReader.Write (which takes a path) so the caller can hand in
    /// AtomicFile's temporary stream while the gzip choice still follows the real target's name.</remarks>
    public static void Write(Stream stream, BinaryImages images, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(images);
        Stream sink = gzip ? new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true) : stream;
        try
        {
            WriteIdx(sink, images);
        }
        finally
        {
            if (gzip) sink.Dispose(); // flushes the gzip trailer; the caller owns (and closes) the stream
        }
    }

    private static void WriteIdx(Stream sink, BinaryImages images)
    {
        Span<byte> word = stackalloc byte[4];
        word[0] = 0; word[1] = 0; word[2] = IdxReader.UnsignedByteType; word[3] = 3;
        sink.Write(word);
        foreach (int d in (ReadOnlySpan<int>)[images.Count, images.Rows, images.Cols])
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)d);
            sink.Write(word);
        }
        var bytes = new byte[images.Bits.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = images.Bits[i] != 0 ? (byte)255 : (byte)0;
        sink.Write(bytes);
    }

    /// <summary>True when <paramref name="path"/> names a gzip file (".gz"), so the IDX written there is compressed.</summary>
    public static bool IsGzipPath(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
