// Binarised images: one byte (0 or 1) per pixel, image after image, plus labels and source indices.
// This is the data the VAE trains on and the coders compress; PackBits gives the 1-bit-per-pixel form.
namespace Engine.Models.Data;

/// <summary>A set of binary images (each pixel 0 or 1), stored one byte per pixel.</summary>
public sealed class BinaryImages
{
    /// <summary>Wraps 0/1 pixels (count × rows × cols), labels and source indices.</summary>
    /// <exception cref="ArgumentException">Sizes disagree or a pixel is neither 0 nor 1.</exception>
    public BinaryImages(int rows, int cols, byte[] bits, byte[] labels, int[] sourceIndices)
    {
        ArgumentNullException.ThrowIfNull(bits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sourceIndices);
        if (rows <= 0 || cols <= 0) throw new ArgumentException("Image sides must be positive.");
        if (labels.Length != sourceIndices.Length || (long)labels.Length * rows * cols != bits.LongLength)
            throw new ArgumentException("Bits, labels and indices do not describe one set of images.");
        if (bits.AsSpan().IndexOfAnyExcept((byte)0, (byte)1) >= 0)
            throw new ArgumentException("Binary images hold only the values 0 and 1.", nameof(bits));
        Rows = rows;
        Cols = cols;
        Bits = bits;
        Labels = labels;
        SourceIndices = sourceIndices;
    }

    /// <summary>Image height.</summary>
    public int Rows { get; }

    /// <summary>Image width.</summary>
    public int Cols { get; }

    /// <summary>Pixels per image: the "dimensions" in bits/dim.</summary>
    public int PixelsPerImage => Rows * Cols;

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Total pixels over all images.</summary>
    public long TotalPixels => (long)Count * PixelsPerImage;

    /// <summary>All pixels (0 or 1), image after image, each row-major.</summary>
    public byte[] Bits { get; }

    /// <summary>Class label of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>Index of each image in the file it was read from.</summary>
    public int[] SourceIndices { get; }

    /// <summary>The pixels of image <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> Image(int i) => Bits.AsSpan(checked(i * PixelsPerImage), PixelsPerImage);

    /// <summary>The first <paramref name="count"/> images (or all, if fewer).</summary>
    public BinaryImages Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, Count);
        return new BinaryImages(Rows, Cols, Bits[..(n * PixelsPerImage)], Labels[..n], SourceIndices[..n]);
    }

    /// <summary>All pixels packed 8 per byte, most significant bit first, as one continuous bit stream
    /// (images back to back, no padding between them; the last byte is zero-padded).</summary>
    public byte[] PackBits()
    {
        var packed = new byte[(TotalPixels + 7) / 8];
        for (long i = 0; i < Bits.LongLength; i++)
            if (Bits[i] != 0) packed[i >> 3] |= (byte)(0x80 >> (int)(i & 7));
        return packed;
    }
}
