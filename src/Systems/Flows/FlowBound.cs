// FlowBound: a CIF's own bound on the data, the rate its local bits-back coders should approach (docs/flows.md) — the
// negative ELBO of the uniform-dequantised data, in bits per dimension of the symbols, estimated by Monte Carlo through the
// same ICifSession questions the coders ask (so it holds for any model, ours or a user's):
//   x~ = (x + v) / 2^b, v ~ U[0, 1)^D;  for l = L-1 .. 0: u_l ~ q(u_l | z_{l+1}), z_l = F_l^-1(z_{l+1}; u_l);
//   -ELBO = -log2 N(z_0; 0, I) + sum_l [ sum_i lambda_l,i - log2 p(u_l | z_l) + log2 q(u_l | z_{l+1}) ] / ln 2 + b D.
// (lambda in nats, so sum_i lambda_l,i / ln 2 is layer l's log2 |det J|.) A plain flow (no index) gives its exact
// dequantised log-likelihood bound. The coder's net rate differs from this by the O(sigma^2) local bits-back gap and the
// grids' discretisation; FlowCodec's tests and the sweep compare the two.
using Engine.Modeling.Flows;

namespace Engine.Systems.Flows;

/// <summary>Monte Carlo estimates of a CIF's own bound.</summary>
public static class FlowBound
{
    private const double Log2E = 1.4426950408889634;
    private const double HalfLog2Pi = 0.91893853320467274; // ln(2 pi) / 2, in nats like every sum below

    /// <summary>−ELBO in bits per dimension, averaged over the units of <paramref name="symbols"/> and <paramref name="samples"/>
    /// draws of (v, u) each, with its standard error over the units.</summary>
    /// <exception cref="ArgumentException">The data is empty or not whole units.</exception>
    public static (double BitsPerDim, double StandardError) NegativeElbo(ICifModel model, ReadOnlySpan<byte> symbols, int samples = 1, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        CifShape shape = model.Shape;
        int d = shape.Dims, u = shape.IndexDims, layers = shape.Layers;
        if (symbols.IsEmpty || symbols.Length % d != 0)
            throw new ArgumentException($"The model codes units of {d} symbols; {symbols.Length} symbols is not a positive multiple.", nameof(symbols));
        int units = symbols.Length / d;
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double scale = Math.ScaleB(1.0, -shape.SymbolBits);
        double[] z = new double[units * d], above = new double[units * d], lambda = new double[units * d], mu = new double[units * d],
            index = new double[units * u], mean = new double[units * u], logStd = new double[units * u], nats = new double[units];
        double sum = 0, squares = 0;
        using ICifSession session = model.OpenSession(units);
        for (int s = 0; s < samples; s++)
        {
            Array.Clear(nats);
            for (int k = 0; k < z.Length; k++) z[k] = (symbols[k] + rng.NextDouble()) * scale;
            for (int l = layers - 1; l >= 0; l--)
            {
                // u_l ~ q(u_l | z_{l+1}): + log q(u_l | z_{l+1}).
                session.IndexPosterior(l, z, units, mean, logStd);
                for (int k = 0; k < index.Length; k++)
                {
                    double e = Normal();
                    index[k] = mean[k] + Math.Exp(logStd[k]) * e;
                    nats[k / u] += -0.5 * e * e - logStd[k] - HalfLog2Pi;
                }
                ReadOnlySpan<byte> stages = shape.Stages(l);
                Array.Clear(above);
                session.Affine(l, 0, index, above, units, lambda, mu);
                double[] lambda0 = (double[])lambda.Clone(), mu0 = (double[])mu.Clone();
                for (int k = 0; k < z.Length; k++) if (stages[k % d] == 0) above[k] = z[k];
                session.Affine(l, 1, index, above, units, lambda, mu);
                for (int k = 0; k < z.Length; k++)
                {
                    bool first = stages[k % d] == 0;
                    double lam = first ? lambda0[k] : lambda[k], m = first ? mu0[k] : mu[k];
                    z[k] = (z[k] - m) * Math.Exp(-lam);
                    nats[k / d] += lam;
                }
                // - log p(u_l | z_l).
                session.IndexPrior(l, z, units, mean, logStd);
                for (int k = 0; k < index.Length; k++)
                {
                    double e = (index[k] - mean[k]) * Math.Exp(-logStd[k]);
                    nats[k / u] -= -0.5 * e * e - logStd[k] - HalfLog2Pi;
                }
            }
            for (int k = 0; k < z.Length; k++) nats[k / d] -= -0.5 * z[k] * z[k] - HalfLog2Pi;
            for (int n = 0; n < units; n++)
            {
                double bits = (nats[n] * Log2E + shape.SymbolBits * d) / d;
                sum += bits;
                squares += bits * bits;
            }
        }
        long count = (long)units * samples;
        double avg = sum / count;
        double variance = count > 1 ? Math.Max(0, (squares - count * avg * avg) / (count - 1)) : double.NaN;
        return (avg, Math.Sqrt(variance / count));
    }
}
