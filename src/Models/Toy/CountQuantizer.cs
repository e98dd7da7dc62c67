// Adapter between the toy models and src/Ans's canonical quantisers: a row of integer counts goes to
// CategoricalQuantizer (Optimal mode: least expected code length, every freq >= 1, sum 2^precision) and
// each resulting ratio's log2 comes from FixedLog2 (integer-only Q32). Counts are small integers, so
// their conversion to double is exact and the quantiser's output is the same on every machine.
using Engine.Ans.Quantization;

namespace Engine.Models.Toy;

/// <summary>Integer quantisation of count rows and fixed-point log2 of the resulting ratios.</summary>
internal static class CountQuantizer
{
    public static void Quantize(ReadOnlySpan<long> counts, int precision, Span<uint> freqs)
    {
        Span<double> p = counts.Length <= 512 ? stackalloc double[counts.Length] : new double[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 1 || counts[i] > 1L << 52) throw new ArgumentOutOfRangeException(nameof(counts), "Every count must be in [1, 2^52].");
            p[i] = counts[i];
        }
        CategoricalQuantizer.FromProbabilities(p, precision, freqs, QuantizeMode.Optimal);
    }

    public static long Log2RatioQ32(uint freq, int precision) => FixedLog2.OfRatio(freq, precision);
}
