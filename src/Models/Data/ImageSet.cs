// Grey-scale labelled images (bytes 0..255) in one flat row-major buffer, with each image's index in
// the file it came from, so that seeded binarisation of a subset matches that of the full set.
namespace Engine.Models.Data;

/// <summary>A set of labelled 8-bit grey-scale images of equal size, stored contiguously.</summary>
public sealed class ImageSet
{
    /// <summary>Wraps image bytes (count × rows × cols), labels and source indices.</summary>
    /// <exception cref="ArgumentException">The arrays disagree on the number of images.</exception>
    public ImageSet(int rows, int cols, byte[] pixels, byte[] labels, int[] sourceIndices)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sourceIndices);
        if (rows <= 0 || cols <= 0) throw new ArgumentException("Image sides must be positive.");
        if (labels.Length != sourceIndices.Length || (long)labels.Length * rows * cols != pixels.LongLength)
            throw new ArgumentException(
                $"{pixels.LongLength} pixel bytes, {labels.Length} labels and {sourceIndices.Length} indices do not describe one set of {rows}x{cols} images.");
        Rows = rows;
        Cols = cols;
        Pixels = pixels;
        Labels = labels;
        SourceIndices = sourceIndices;
    }

    /// <summary>Image height.</summary>
    public int Rows { get; }

    /// <summary>Image width.</summary>
    public int Cols { get; }

    /// <summary>Pixels per image (rows × cols).</summary>
    public int PixelsPerImage => Rows * Cols;

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>All pixels, image after image, each row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>Class label of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>Index of each image in the file it was read from.</summary>
    public int[] SourceIndices { get; }

    /// <summary>The pixels of image <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> Image(int i) => Pixels.AsSpan(checked(i * PixelsPerImage), PixelsPerImage);

    /// <summary>The images whose label is in <paramref name="classes"/>, in their original order.</summary>
    public ImageSet WhereClasses(ClassSet classes)
    {
        var keep = new List<int>();
        for (int i = 0; i < Count; i++) if (classes.Contains(Labels[i])) keep.Add(i);
        return Select(keep);
    }

    /// <summary>The first <paramref name="count"/> images (or all, if fewer).</summary>
    public ImageSet Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Select(Enumerable.Range(0, Math.Min(count, Count)).ToList());
    }

    private ImageSet Select(List<int> keep)
    {
        int d = PixelsPerImage;
        var px = new byte[(long)keep.Count * d];
        var lb = new byte[keep.Count];
        var src = new int[keep.Count];
        for (int k = 0; k < keep.Count; k++)
        {
            int i = keep[k];
            Pixels.AsSpan(i * d, d).CopyTo(px.AsSpan(k * d, d));
            lb[k] = Labels[i];
            src[k] = SourceIndices[i];
        }
        return new ImageSet(Rows, Cols, px, lb, src);
    }
}
