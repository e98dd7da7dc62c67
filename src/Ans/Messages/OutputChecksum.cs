// OutputChecksum: what element 12 of a message holds in each format version (docs/format.md#data-checksum).
// Version 1 stores XXH64 (seed 0) of the decoded bytes alone, so a message whose header was edited to
// reshape those bytes (a VAE message saying 1 x 784 instead of 28 x 28) still matched. From version 2 the
// same XXH64 runs with a seed derived from the output's dimensions (XXH64 of each dimension as a uint64,
// little-endian, outermost first), so the one stored value covers everything a decode reconstructs: the
// bytes and the shape they are written out in. Both facades compute it here, at encode and at decode.
using System.Buffers.Binary;

namespace Engine.Ans.Messages;

/// <summary>The checksum of a decode's output as a message of a given format version stores it.</summary>
public static class OutputChecksum
{
    /// <summary>First format version whose checksum covers the output's dimensions.</summary>
    public const int FirstVersionCoveringShape = 2;

    /// <summary>Whether messages of <paramref name="version"/> verify the output's dimensions (not just its bytes).</summary>
    public static bool CoversShape(int version) => version >= FirstVersionCoveringShape;

    /// <summary>The XXH64 seed a version-2 checksum uses: XXH64 (seed 0) of <paramref name="dimensions"/>, each as
    /// 8 little-endian bytes, outermost first.</summary>
    public static ulong ShapeSeed(ReadOnlySpan<long> dimensions)
    {
        Span<byte> record = dimensions.Length <= 16 ? stackalloc byte[8 * dimensions.Length] : new byte[checked(8 * dimensions.Length)];
        for (int i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(record[(8 * i)..], dimensions[i]);
        return DataChecksum.Compute(record);
    }

    /// <summary>Element 12 of a message of <paramref name="version"/> whose decode yields <paramref name="data"/>,
    /// an array of <paramref name="dimensions"/> (units first, then one unit's shape).</summary>
    /// <exception cref="ArgumentOutOfRangeException">This build does not know <paramref name="version"/>.</exception>
    /// <exception cref="ArgumentException">The dimensions are empty or negative, or their product is not the data's length.</exception>
    public static ulong Compute(int version, ReadOnlySpan<long> dimensions, ReadOnlySpan<byte> data)
    {
        if (!McbMessage.IsSupportedVersion(version))
            throw new ArgumentOutOfRangeException(nameof(version), version, $"Format versions {McbMessage.OldestVersion} to {McbMessage.CurrentVersion} are known.");
        if (dimensions.IsEmpty) throw new ArgumentException("The output needs at least one dimension.", nameof(dimensions));
        long product = 1;
        foreach (long d in dimensions)
        {
            if (d < 0) throw new ArgumentException($"Dimension {d} is negative.", nameof(dimensions));
            product = d == 0 || product == 0 ? 0 : checked(product * d);
        }
        if (product != data.Length)
            throw new ArgumentException($"Dimensions {Describe(dimensions)} hold {product} bytes, the data has {data.Length}.", nameof(dimensions));
        return CoversShape(version) ? DataChecksum.Compute(data, ShapeSeed(dimensions)) : DataChecksum.Compute(data);
    }

    /// <summary>"9x8x8": dimensions as error texts show them.</summary>
    public static string Describe(ReadOnlySpan<long> dimensions)
    {
        var parts = new string[dimensions.Length];
        for (int i = 0; i < parts.Length; i++) parts[i] = dimensions[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('x', parts);
    }
}
