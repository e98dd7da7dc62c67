// DeterministicMath: exp and log built only from IEEE-754 +, -, *, / and exact bit/scale operations,
// so every CPU, OS and runtime computes the same doubles (Math.Exp / Math.Log come from the platform's
// libm and may differ in the last bit, which would change a quantised table and break decoding).
//
// exp: x = n ln2 + r with a two-part (Cody-Waite) ln2 so r is exact-ish, |r| <= ln2/2, e^r by a
// degree-14 Taylor polynomial in Horner form, then an exact scale by 2^n.
// log: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1)/(m + 1), odd series.
// Both are accurate to a few ulp; what matters is that they are the same everywhere.
using System.Runtime.Intrinsics;

namespace Engine.Ans.Quantization;

/// <summary>Platform-independent exp/log for every float computation that decides a table.</summary>
public static class DeterministicMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // high bits of ln 2, exact in 32 bits
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Ln2 = 0.693147180559945309417232121458;
    private const double InvLn2 = 1.44269504088896338700e+00;

    /// <summary>e^x; 0 below -745.2, +infinity above 709.8, NaN for NaN.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        if (x > 709.782712893384)
            return double.PositiveInfinity;
        if (x < -745.2)
            return 0.0;
        double n = Math.Round(x * InvLn2, MidpointRounding.ToEven);
        double r = (x - n * Ln2Hi) - n * Ln2Lo;
        // Taylor series of e^r to degree 14: the remainder is below 1e-19 for |r| <= 0.35.
        double p = 1.0 / 87178291200.0;
        p = p * r + 1.0 / 6227020800.0;
        p = p * r + 1.0 / 479001600.0;
        p = p * r + 1.0 / 39916800.0;
        p = p * r + 1.0 / 3628800.0;
        p = p * r + 1.0 / 362880.0;
        p = p * r + 1.0 / 40320.0;
        p = p * r + 1.0 / 5040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        return Math.ScaleB(p, (int)n);
    }

    /// <summary><see cref="Exp(double)"/> on four lanes, bit for bit, where every result is a normal double: each lane must lie
    /// in [-708, 709] (then 2^n is normal and the scalar's ScaleB is an exact multiply). The same operations in the same
    /// order, no fused multiply-add.</summary>
    public static Vector256<double> ExpNormal(Vector256<double> x)
    {
        Vector256<double> n = Vector256.Round(x * Vector256.Create(InvLn2));
        Vector256<double> r = (x - n * Vector256.Create(Ln2Hi)) - n * Vector256.Create(Ln2Lo);
        Vector256<double> p = Vector256.Create(1.0 / 87178291200.0);
        p = p * r + Vector256.Create(1.0 / 6227020800.0);
        p = p * r + Vector256.Create(1.0 / 479001600.0);
        p = p * r + Vector256.Create(1.0 / 39916800.0);
        p = p * r + Vector256.Create(1.0 / 3628800.0);
        p = p * r + Vector256.Create(1.0 / 362880.0);
        p = p * r + Vector256.Create(1.0 / 40320.0);
        p = p * r + Vector256.Create(1.0 / 5040.0);
        p = p * r + Vector256.Create(1.0 / 720.0);
        p = p * r + Vector256.Create(1.0 / 120.0);
        p = p * r + Vector256.Create(1.0 / 24.0);
        p = p * r + Vector256.Create(1.0 / 6.0);
        p = p * r + Vector256.Create(0.5);
        p = p * r + Vector256.Create(1.0);
        p = p * r + Vector256.Create(1.0);
        // 2^n from its exponent bits (n + 1023) << 52: exact for normal 2^n.
        Vector256<double> scale = (Vector256.ConvertToInt64(n) + Vector256.Create(1023L) << 52).AsDouble();
        return p * scale;
    }

    /// <summary>Natural log; -infinity at 0, NaN below 0, +infinity at +infinity.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
            return double.NaN;
        if (x == 0)
            return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x))
            return x;
        int e = 0;
        if (x < double.Epsilon * 4503599627370496.0)
        {
            // Subnormal: scale into the normal range first (exact).
            x *= 18014398509481984.0; // 2^54
            e = -54;
        }
        long bits = BitConverter.DoubleToInt64Bits(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        // atanh series to s^25: |s| <= 0.1716, so the remainder is below 1e-20.
        double q = 1.0 / 25;
        q = q * s2 + 1.0 / 23;
        q = q * s2 + 1.0 / 21;
        q = q * s2 + 1.0 / 19;
        q = q * s2 + 1.0 / 17;
        q = q * s2 + 1.0 / 15;
        q = q * s2 + 1.0 / 13;
        q = q * s2 + 1.0 / 11;
        q = q * s2 + 1.0 / 9;
        q = q * s2 + 1.0 / 7;
        q = q * s2 + 1.0 / 5;
        q = q * s2 + 1.0 / 3;
        q = q * s2 + 1.0;
        return e * Ln2Hi + (2.0 * s * q + e * Ln2Lo);
    }

    /// <summary>log2(x) = Log(x) / ln 2.</summary>
    public static double Log2(double x) => Log(x) * InvLn2;

    /// <summary>ln(1 + x) for x > -1, accurate for small x (uses the exact 1 + x correction).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
            return x;
        // log(u) * x / (u - 1) corrects the rounding of 1 + x (Goldberg's trick).
        return Log(u) * (x / (u - 1.0));
    }

    /// <summary>tanh(x) = (1 - e^{-2|x|}) / (1 + e^{-2|x|}) with the sign of x (from <see cref="Exp"/>; ±1 beyond |x| = 20, NaN stays NaN).</summary>
    public static double Tanh(double x)
    {
        double a = Math.Abs(x);
        if (!(a <= 20.0))
            return double.IsNaN(x) ? x : Math.CopySign(1.0, x);
        double e = Exp(-2.0 * a);
        return Math.CopySign((1.0 - e) / (1.0 + e), x);
    }

    internal static double Ln2Value => Ln2;
}
