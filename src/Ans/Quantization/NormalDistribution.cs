// NormalDistribution: the standard normal density, CDF Phi, tail and quantile Phi^-1 in double
// precision, built from IEEE basic operations and DeterministicMath so every machine gets the same
// bucket edges and masses.
//
// Phi(x), |x| < 3: 1/2 + phi(x) sum_n x^(2n+1) / (2n+1)!! (all terms one sign, relative error ~1e-13
// even in the lower tail at x = -3). |x| >= 3: the tail phi(x) / (x + 1/(x + 2/(x + 3/(...)))) (Laplace's
// continued fraction, evaluated backwards at a fixed depth of 80; relative error ~1e-15).
// Phi^-1(p): a starting point from the rational approximation of Abramowitz & Stegun 26.2.23 (error
// < 4.5e-4), then four Halley steps on Phi(x) - p (cubic convergence), with p > 1/2 mapped by
// symmetry so Phi^-1(1 - p) = -Phi^-1(p) exactly.
namespace Engine.Ans.Quantization;

/// <summary>Standard normal functions for the discretised Gaussian.</summary>
public static class NormalDistribution
{
    private const double InvSqrt2Pi = 0.398942280401432677939946059934;
    private const double TailSwitch = 3.0;
    private const int TailDepth = 80;

    /// <summary>Density phi(x).</summary>
    public static double Pdf(double x) => InvSqrt2Pi * DeterministicMath.Exp(-0.5 * x * x);

    /// <summary>Phi(x) = P(Z &lt;= x); accurate relative to its size in the lower tail.</summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        if (x <= -TailSwitch)
            return Tail(-x);
        if (x >= TailSwitch)
            return 1.0 - Tail(x);
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 200; n++)
        {
            term *= x2 / (2 * n + 1);
            double next = sum + term;
            if (next == sum)
                break;
            sum = next;
        }
        return 0.5 + Pdf(x) * sum;
    }

    /// <summary>P(a &lt; Z &lt;= b), computed from whichever tails avoid cancellation.</summary>
    public static double Mass(double a, double b)
    {
        if (!(a <= b))
            return 0.0;
        if (a >= 0)
            return Cdf(-a) - Cdf(-b);
        if (b <= 0)
            return Cdf(b) - Cdf(a);
        return 1.0 - Cdf(a) - Cdf(-b);
    }

    /// <summary>Phi^-1(p) for p in [0, 1] (±infinity at the ends).</summary>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must lie in [0, 1].");
        if (p == 0)
            return double.NegativeInfinity;
        if (p == 1)
            return double.PositiveInfinity;
        if (p == 0.5)
            return 0.0;
        if (p > 0.5)
            return -LowerQuantile(1.0 - p);
        return LowerQuantile(p);
    }

    /// <summary>Phi^-1(q) for 0 &lt; q &lt; 1/2.</summary>
    private static double LowerQuantile(double q)
    {
        double t = Math.Sqrt(-2.0 * DeterministicMath.Log(q));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328))
                       / (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
        for (int i = 0; i < 4; i++)
        {
            double density = Pdf(x);
            if (density == 0)
                break;
            double u = (Cdf(x) - q) / density;
            x -= u / (1.0 + 0.5 * x * u);
        }
        return x;
    }

    /// <summary>Upper tail Q(x) = 1 - Phi(x) for x >= 3 by the continued fraction.</summary>
    private static double Tail(double x)
    {
        // Beyond x ~ 38.6 the density underflows to 0 (DeterministicMath.Exp), and so does the tail: skip the fraction.
        double density = Pdf(x);
        if (density == 0)
            return 0.0;
        double v = x;
        for (int k = TailDepth; k > 0; k--)
            v = x + k / v;
        return density / v;
    }
}
