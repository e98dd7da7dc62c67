// An IDX array of unsigned bytes held in memory: its dimensions (outermost first) and the row-major body.
namespace Engine.Models.Data;

/// <summary>A decoded IDX array of element type unsigned byte (0x08), row-major, outermost dimension first.</summary>
public sealed class IdxArray
{
    /// <summary>Wraps dimensions and a body; the body length must be the product of the dimensions.</summary>
    /// <exception cref="ArgumentException">The body does not hold exactly the product of the dimensions.</exception>
    public IdxArray(int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        long product = 1;
        foreach (int d in dimensions)
        {
            if (d < 0) throw new ArgumentException("IDX dimensions must be non-negative.", nameof(dimensions));
            product *= d;
        }
        if (product != data.LongLength)
            throw new ArgumentException($"IDX body holds {data.LongLength} bytes, dimensions need {product}.", nameof(data));
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>Sizes of each dimension, outermost first (e.g. [count, rows, cols] for images).</summary>
    public int[] Dimensions { get; }

    /// <summary>The elements, row-major.</summary>
    public byte[] Data { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dimensions.Length;
}
