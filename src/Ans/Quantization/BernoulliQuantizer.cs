// BernoulliQuantizer: P(bit = 1) -> the integer frequency of 1 at a precision, both outcomes >= 1.
// Symbol 0 takes [0, M - f1) and symbol 1 takes [M - f1, M), M = 2^prec. f1 = clamp(round(p M), 1, M - 1)
// with round-half-even (a basic IEEE operation), so encoder and decoder agree everywhere.
namespace Engine.Ans.Quantization;

/// <summary>Canonical Bernoulli quantisation.</summary>
public static partial class BernoulliQuantizer
{
    /// <summary>Frequency of outcome 1 for P(1) = <paramref name="p1"/> (finite, in [0, 1]).</summary>
    public static uint FrequencyOfOne(double p1, int precision)
    {
        RansStep.CheckPrecision(precision);
        if (!(p1 >= 0 && p1 <= 1))
            throw new ArgumentOutOfRangeException(nameof(p1), p1, "A probability must lie in [0, 1].");
        ulong m = 1UL << precision;
        double f = Math.Round(p1 * m, MidpointRounding.ToEven);
        return (uint)Math.Clamp(f, 1.0, m - 1.0);
    }

    /// <summary>Frequency of outcome 1 for logit <paramref name="logit"/> (P(1) = sigmoid(logit)).</summary>
    public static uint FrequencyOfOneFromLogit(double logit, int precision)
    {
        if (double.IsNaN(logit))
            throw new ArgumentOutOfRangeException(nameof(logit), "Logit is NaN.");
        double p = logit >= 0
            ? 1.0 / (1.0 + DeterministicMath.Exp(-logit))
            : DeterministicMath.Exp(logit) / (1.0 + DeterministicMath.Exp(logit));
        return FrequencyOfOne(p, precision);
    }

    /// <summary>Vector form: one frequency of 1 per probability.</summary>
    public static void FrequenciesOfOne(ReadOnlySpan<double> p1, int precision, Span<uint> freqOne)
    {
        if (p1.Length != freqOne.Length)
            throw new ArgumentException("Spans differ in length.");
        for (int i = 0; i < p1.Length; i++)
            freqOne[i] = FrequencyOfOne(p1[i], precision);
    }

    /// <summary>The interval of <paramref name="bit"/> given the frequency of 1.</summary>
    public static (uint Start, uint Freq) Interval(int bit, uint freqOne, int precision)
    {
        uint m0 = (uint)((1UL << precision) - freqOne);
        return bit == 0 ? (0u, m0) : bit == 1 ? (m0, freqOne) : throw new ArgumentOutOfRangeException(nameof(bit));
    }

    /// <summary>The bit whose interval contains <paramref name="cf"/>.</summary>
    public static int Bit(uint cf, uint freqOne, int precision)
        => cf >= (1UL << precision) - freqOne ? 1 : 0;
}
