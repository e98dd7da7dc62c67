// Copies between .NET spans and float32 CPU tensors without per-element calls: a tensor's storage is
// filled or read as raw bytes, which keeps conversions out of the hot loops. Inputs can be padded
// with zero rows up to a given row count (VaeModel pads every pass to a multiple of its row block).
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

internal static class TensorIo
{
    /// <summary>A new [paddedRows, cols] float32 tensor: 0/1 pixels as 0f/1f, then zero rows; via a reusable scratch buffer.</summary>
    public static Tensor FromBits(ReadOnlySpan<byte> bits, long rows, long cols, ref float[] scratch, long paddedRows = -1)
    {
        if (paddedRows < 0) paddedRows = rows;
        int n = checked((int)(rows * cols)), total = checked((int)(paddedRows * cols));
        if (bits.Length < n) throw new ArgumentException($"Need {n} pixels, got {bits.Length}.", nameof(bits));
        if (scratch.Length < total) scratch = new float[total];
        Span<float> f = scratch.AsSpan(0, total);
        for (int i = 0; i < n; i++) f[i] = bits[i];
        f[n..].Clear();
        return Wrap(f, paddedRows, cols);
    }

    /// <summary>A new [paddedRows, cols] float32 tensor: a copy of rows × cols values, then zero rows.</summary>
    public static Tensor FromFloats(ReadOnlySpan<float> values, long rows, long cols, ref float[] scratch, long paddedRows = -1)
    {
        if (paddedRows < 0) paddedRows = rows;
        int n = checked((int)(rows * cols)), total = checked((int)(paddedRows * cols));
        if (values.Length < n) throw new ArgumentException($"Need {n} values, got {values.Length}.", nameof(values));
        if (n == total) return Wrap(values[..n], rows, cols);
        if (scratch.Length < total) scratch = new float[total];
        Span<float> f = scratch.AsSpan(0, total);
        values[..n].CopyTo(f);
        f[n..].Clear();
        return Wrap(f, paddedRows, cols);
    }

    /// <summary>Copies the first destination.Length elements (row-major) of a float32 tensor into <paramref name="destination"/>.</summary>
    public static void CopyTo(Tensor t, Span<float> destination)
    {
        if (t.dtype != ScalarType.Float32) throw new ArgumentException($"Expected float32, got {t.dtype}.", nameof(t));
        if (destination.Length > t.numel())
            throw new ArgumentException($"The tensor holds {t.numel()} values, {destination.Length} asked for.", nameof(destination));
        using Tensor c = t.contiguous();
        MemoryMarshal.Cast<byte, float>(c.bytes)[..destination.Length].CopyTo(destination);
    }

    private static Tensor Wrap(ReadOnlySpan<float> values, long rows, long cols)
    {
        Tensor t = empty([rows, cols], dtype: ScalarType.Float32);
        t.bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(values), values.Length));
        return t;
    }
}
