// BernoulliLogits: BernoulliQuantizer.FrequencyOfOneFromLogit over a span of float logits, several at a time.
// Every lane runs the same IEEE operations in the same order as the scalar function (DeterministicMath.Exp's
// Cody-Waite reduction and Horner polynomial, one division, round-half-even, clamp), with no fused
// multiply-add, so each frequency is bit-identical to the scalar one — the scalar function stays the definition.
// Two shortcuts keep the lanes in the range where the scalar's ScaleB is a plain multiply by 2^n:
//   * only e^{-|logit|} is needed (p = 1/(1 + e) for logit >= 0, e/(1 + e) below), so the argument is <= 0;
//   * the argument is clamped at -40: for |logit| >= 12 the frequency is already saturated (1 below,
//     2^prec - 1 above: e^-12 · 2^prec < 0.5 for prec <= 16, and the margin only grows), so the clamp changes
//     no result; e^-40 is far from subnormal.
// Precisions above 16 or a NaN logit take the scalar path (which throws on NaN).
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Engine.Ans.Quantization;

public static partial class BernoulliQuantizer
{
    private const double ClampedArgument = -40.0;

    /// <summary>Vector form of <see cref="FrequencyOfOneFromLogit"/>: freqOne[k] = FrequencyOfOneFromLogit(logits[k], precision),
    /// bit for bit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A logit is NaN.</exception>
    public static void FrequenciesOfOneFromLogits(ReadOnlySpan<float> logits, int precision, Span<uint> freqOne)
    {
        if (logits.Length != freqOne.Length)
            throw new ArgumentException("Spans differ in length.");
        RansStep.CheckPrecision(precision);
        int k = 0;
        if (Vector256.IsHardwareAccelerated && precision <= 16)
        {
            Vector256<double> m = Vector256.Create((double)(1UL << precision));
            for (; k + 8 <= logits.Length; k += 8)
            {
                Vector256<float> eight = Vector256.Create(logits.Slice(k, 8));
                if (!Vector256.EqualsAll(eight, eight)) break; // a NaN: the scalar path below throws for it
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(eight);
                Vector256<int> f = Vector256.Narrow(Vector256.ConvertToInt64(FrequencyOfOne(lower, m)), Vector256.ConvertToInt64(FrequencyOfOne(upper, m)));
                f.AsUInt32().CopyTo(freqOne.Slice(k, 8));
            }
        }
        for (; k < logits.Length; k++)
            freqOne[k] = FrequencyOfOneFromLogit(logits[k], precision);
    }

    /// <summary>round(p 2^prec) clamped to [1, 2^prec - 1] for p = sigmoid(logit), four lanes (precision &lt;= 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> FrequencyOfOne(Vector256<double> logit, Vector256<double> m)
    {
        Vector256<double> one = Vector256.Create(1.0);
        Vector256<double> nonNegative = Vector256.GreaterThanOrEqual(logit, Vector256<double>.Zero);
        Vector256<double> x = Vector256.Max(-Vector256.Abs(logit), Vector256.Create(ClampedArgument));
        Vector256<double> e = DeterministicMath.ExpNormal(x);
        Vector256<double> p = Vector256.ConditionalSelect(nonNegative, one, e) / (one + e);
        Vector256<double> f = Vector256.Round(p * m);
        return Vector256.Min(Vector256.Max(f, one), m - one);
    }
}
