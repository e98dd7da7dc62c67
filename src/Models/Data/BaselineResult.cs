// One baseline codec's size on a set of binary images.
namespace Engine.Models.Data;

/// <summary>Compressed size of a set of binary images under one generic codec.</summary>
/// <param name="Codec">What was run, e.g. "gzip -9 (packed bits)" or "PNG per image".</param>
/// <param name="Bytes">Total compressed bytes (null when the codec is not available here).</param>
/// <param name="Pixels">Pixels coded (the "dims").</param>
public sealed record BaselineResult(string Codec, long? Bytes, long Pixels)
{
    /// <summary>8 · bytes / pixels (NaN when unavailable).</summary>
    public double BitsPerDim => Bytes is long b ? 8.0 * b / Pixels : double.NaN;
}
