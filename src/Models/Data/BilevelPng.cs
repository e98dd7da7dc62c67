// A minimal PNG writer for binary images: 1-bit grayscale (colour type 0, bit depth 1), or 8-bit grayscale with
// pixels 0 / 255 for tools that read that more plainly (EncodeGrey8), no interlace,
// filter type None on every row (libpng also leaves sub-byte-depth images unfiltered), the image data
// compressed by zlib (System.IO.Compression.ZLibStream) at its smallest setting.
// Chunks: signature, IHDR, one IDAT, IEND, each with a CRC-32. Pixel 1 is written as white (bit 1).
using System.Buffers.Binary;
using System.IO.Compression;

namespace Engine.Models.Data;

/// <summary>Encodes binary images as 1-bit grayscale PNG files.</summary>
public static class BilevelPng
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>PNG bytes of a width × height image given as 0/1 bytes, row-major.</summary>
    /// <exception cref="ArgumentException">Sizes are not positive or the pixel count does not match.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> bits, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException("PNG sides must be positive.");
        if (bits.Length != (long)width * height) throw new ArgumentException($"{bits.Length} pixels for a {width}x{height} image.", nameof(bits));
        int rowBytes = (width + 7) / 8;
        var raw = new byte[(long)height * (rowBytes + 1)];
        for (int y = 0; y < height; y++)
        {
            int o = y * (rowBytes + 1); // raw[o] = 0: filter type None
            for (int x = 0; x < width; x++)
                if (bits[y * width + x] != 0) raw[o + 1 + (x >> 3)] |= (byte)(0x80 >> (x & 7));
        }
        return Write(raw, width, height, depth: 1);
    }

    /// <summary>PNG bytes of the same image as 8-bit grayscale, pixel 1 as 255 and 0 as 0.</summary>
    /// <exception cref="ArgumentException">Sizes are not positive or the pixel count does not match.</exception>
    public static byte[] EncodeGrey8(ReadOnlySpan<byte> bits, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException("PNG sides must be positive.");
        if (bits.Length != (long)width * height) throw new ArgumentException($"{bits.Length} pixels for a {width}x{height} image.", nameof(bits));
        var raw = new byte[(long)height * (width + 1)];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                raw[y * (width + 1) + 1 + x] = bits[y * width + x] != 0 ? (byte)255 : (byte)0;
        return Write(raw, width, height, depth: 8);
    }

    // Signature, IHDR, one IDAT of the filtered rows compressed, IEND.
    private static byte[] Write(byte[] raw, int width, int height, byte depth)
    {
        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(raw);

        var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], (uint)height);
        ihdr[8] = depth;  // bit depth
        ihdr[9] = 0;  // colour type: grayscale
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0
        ihdr[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, ihdr);
        WriteChunk(png, "IDAT"u8, idat.GetBuffer().AsSpan(0, (int)idat.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(type, data));
        s.Write(word);
    }
}
