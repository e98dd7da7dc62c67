// CategoricalQuantizer: probabilities or logits -> integer frequencies summing to exactly 2^prec with
// every frequency >= 1 (docs/architecture.md#categorical-tables). One canonical function per mode, built from IEEE basic operations
// and DeterministicMath only, so encoder and decoder build bit-identical tables on any machine.
//
// Fast: f = floor(p (M - K)) + 1, the remainder to the arg-max (first on ties).
// Optimal: minimise sum_i -p_i log2(f_i / M) s.t. sum f = M, f >= 1. The objective is separable and
// convex, so (1) rounding each x_i = p_i M to the integer that is optimal for the Lagrange multiplier
// of the continuous solution (round up iff x ln(1 + 1/floor x) > 1, the marginal form of Bloom's
// geometric-mean rounding) gives a point optimal for its own sum, and (2) moving that sum to M one unit
// at a time by the least code-length loss (a heap keyed by the marginal cost, ties by index) stays
// optimal at every step (greedy marginal allocation). Hence Optimal never loses to Fast.
using System.Buffers;

namespace Engine.Ans.Quantization;

/// <summary>Canonical categorical quantisation from probabilities or logits.</summary>
public static class CategoricalQuantizer
{
    /// <summary>
    /// Quantises (unnormalised, non-negative, finite) <paramref name="p"/> into <paramref name="freqs"/>
    /// at <paramref name="precision"/>; needs 1 &lt;= K &lt;= 2^precision (K >= 2 at precision 32).
    /// </summary>
    public static void FromProbabilities(ReadOnlySpan<double> p, int precision, Span<uint> freqs, QuantizeMode mode)
    {
        int k = CheckShape(p.Length, precision, freqs.Length);
        double sum = 0;
        for (int i = 0; i < k; i++)
        {
            double v = p[i];
            if (!(v >= 0) || double.IsInfinity(v))
                throw new ArgumentException($"Probability {i} is {v}; probabilities must be finite and >= 0.", nameof(p));
            sum += v;
        }
        if (!(sum > 0))
            throw new ArgumentException("Probabilities sum to 0.", nameof(p));
        if (mode == QuantizeMode.Fast)
            Fast(p, 1.0 / sum, precision, freqs);
        else if (mode == QuantizeMode.Optimal)
            Optimal(p, 1.0 / sum, precision, freqs);
        else
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown quantise mode.");
    }

    /// <summary>Quantises softmax(<paramref name="logits"/>) (natural-log units) into <paramref name="freqs"/>.</summary>
    public static void FromLogits(ReadOnlySpan<double> logits, int precision, Span<uint> freqs, QuantizeMode mode)
    {
        int k = CheckShape(logits.Length, precision, freqs.Length);
        double max = double.NegativeInfinity;
        for (int i = 0; i < k; i++)
        {
            if (double.IsNaN(logits[i]) || double.IsPositiveInfinity(logits[i]))
                throw new ArgumentException($"Logit {i} is {logits[i]}.", nameof(logits));
            max = Math.Max(max, logits[i]);
        }
        if (double.IsNegativeInfinity(max))
            throw new ArgumentException("Every logit is -infinity.", nameof(logits));
        double[] rented = ArrayPool<double>.Shared.Rent(k);
        try
        {
            Span<double> p = rented.AsSpan(0, k);
            for (int i = 0; i < k; i++)
                p[i] = DeterministicMath.Exp(logits[i] - max);
            FromProbabilities(p, precision, freqs, mode);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Expected code length in bits, sum_i p_i (prec - log2 f_i), with p normalised.</summary>
    public static double CodeLength(ReadOnlySpan<double> p, ReadOnlySpan<uint> freqs, int precision)
    {
        double sum = 0, bits = 0;
        foreach (double v in p)
            sum += v;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
                bits += p[i] / sum * (precision - DeterministicMath.Log2(freqs[i]));
        }
        return bits;
    }

    private static int CheckShape(int k, int precision, int freqLength)
    {
        RansStep.CheckPrecision(precision);
        if (freqLength != k)
            throw new ArgumentException($"{k} probabilities but {freqLength} frequency slots.");
        if (k < 1 || (ulong)k > 1UL << precision || (precision == 32 && k < 2))
            throw new ArgumentException($"K = {k} symbols cannot be quantised at precision {precision} (need 1 <= K <= 2^prec, K >= 2 at 32).");
        return k;
    }

    private static void Fast(ReadOnlySpan<double> p, double scale, int precision, Span<uint> freqs)
    {
        int k = p.Length;
        ulong m = 1UL << precision;
        double spare = m - (ulong)k;
        long assigned = 0;
        int argmax = 0;
        for (int i = 0; i < k; i++)
        {
            double q = p[i] * scale;
            ulong extra = (ulong)Math.Min(Math.Floor(q * spare), spare);
            freqs[i] = (uint)(extra + 1);
            assigned += (long)extra + 1;
            if (p[i] > p[argmax])
                argmax = i;
        }
        long remainder = (long)m - assigned;
        // Rounding of p / sum can overshoot by a few units: take them back from the largest symbols.
        while (remainder < 0)
        {
            int big = 0;
            for (int i = 1; i < k; i++)
            {
                if (freqs[i] > freqs[big])
                    big = i;
            }
            long take = Math.Min(-remainder, freqs[big] - 1L);
            freqs[big] -= (uint)take;
            remainder += take;
        }
        freqs[argmax] += (uint)remainder;
    }

    private static void Optimal(ReadOnlySpan<double> p, double scale, int precision, Span<uint> freqs)
    {
        int k = p.Length;
        ulong m = 1UL << precision;
        long assigned = 0;
        for (int i = 0; i < k; i++)
        {
            double x = p[i] * scale * m;
            double fl = Math.Floor(x);
            ulong f = fl < 1 ? 1 : (ulong)fl;
            // Round up iff the marginal gain x log(1 + 1/f) beats the multiplier (1 nat per unit of M).
            if (fl >= 1 && fl < m && x * DeterministicMath.Log1P(1.0 / fl) > 1.0)
                f++;
            f = Math.Min(f, m - (ulong)(k - 1));
            freqs[i] = (uint)f;
            assigned += (long)f;
        }
        long delta = (long)m - assigned;
        if (delta == 0)
            return;
        int[] items = ArrayPool<int>.Shared.Rent(k);
        double[] keys = ArrayPool<double>.Shared.Rent(k);
        try
        {
            var heap = new MarginalHeap(items.AsSpan(0, k), keys.AsSpan(0, k));
            bool grow = delta > 0;
            for (int i = 0; i < k; i++)
            {
                if (grow || freqs[i] > 1)
                    heap.Push(i, Cost(p[i], freqs[i], grow));
            }
            for (long step = Math.Abs(delta); step > 0; step--)
            {
                int i = heap.Pop();
                freqs[i] = grow ? freqs[i] + 1 : freqs[i] - 1;
                if (grow || freqs[i] > 1)
                    heap.Push(i, Cost(p[i], freqs[i], grow));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(items);
            ArrayPool<double>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// Code-length change (in units of p nats, the common scale dropped) of one unit more (grow) or
    /// one unit less: -p ln(1 + 1/f) for growth (negative = gain), p ln(f / (f - 1)) for shrinking.
    /// </summary>
    private static double Cost(double p, uint f, bool grow)
        => grow ? -p * DeterministicMath.Log1P(1.0 / f) : -p * DeterministicMath.Log1P(-1.0 / f);
}
