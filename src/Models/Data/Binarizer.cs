// Turns grey-scale images into binary ones, two standard ways:
//  * fixed threshold: pixel = 1 iff value >= 128, i.e. iff value/255 > 0.5 (127/255 < 0.5 < 128/255,
//    so ">= 128" and "> 0.5" are the same rule; no pixel sits exactly on 0.5);
//  * dynamic (stochastic): pixel = 1 with probability value/255, drawn as r < value with r exactly
//    uniform on {0..254}. Each image's draws come from a SplitMix64 stream derived from (seed, the
//    image's index in its source file), so a subset binarises the same as in the full set.
namespace Engine.Models.Data;

/// <summary>Binarisation rules for 8-bit grey-scale images.</summary>
public static class Binarizer
{
    /// <summary>The fixed-threshold rule's cut: a pixel is 1 when its byte value is at least this.</summary>
    public const byte DefaultThreshold = 128;

    /// <summary>Applies <paramref name="mode"/>; <paramref name="seed"/> matters only for <see cref="BinarizationMode.Dynamic"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown mode.</exception>
    public static BinaryImages Apply(ImageSet images, BinarizationMode mode, ulong seed) => mode switch
    {
        BinarizationMode.Threshold => Threshold(images),
        BinarizationMode.Dynamic => Dynamic(images, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown binarisation mode."),
    };

    /// <summary>Pixel = 1 iff value ≥ <paramref name="threshold"/> (default 128, i.e. intensity &gt; 0.5).</summary>
    public static BinaryImages Threshold(ImageSet images, byte threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(images);
        byte[] px = images.Pixels;
        var bits = new byte[px.Length];
        for (int i = 0; i < px.Length; i++) bits[i] = px[i] >= threshold ? (byte)1 : (byte)0;
        return new BinaryImages(images.Rows, images.Cols, bits, (byte[])images.Labels.Clone(), (int[])images.SourceIndices.Clone());
    }

    /// <summary>Pixel = 1 with probability value/255 exactly, reproducible from <paramref name="seed"/>.</summary>
    public static BinaryImages Dynamic(ImageSet images, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        int d = images.PixelsPerImage;
        var bits = new byte[images.Pixels.LongLength];
        for (int i = 0; i < images.Count; i++)
        {
            var rng = new SplitMix64(SplitMix64.Derive(seed, images.SourceIndices[i]));
            ReadOnlySpan<byte> src = images.Image(i);
            Span<byte> dst = bits.AsSpan(i * d, d);
            for (int p = 0; p < d; p++) dst[p] = rng.NextBelow(255) < src[p] ? (byte)1 : (byte)0;
        }
        return new BinaryImages(images.Rows, images.Cols, bits, (byte[])images.Labels.Clone(), (int[])images.SourceIndices.Clone());
    }
}
