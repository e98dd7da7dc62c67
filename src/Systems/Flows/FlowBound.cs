// FlowBound: a CIF's own bounds on the data, the rates its local bits-back coders should approach (docs/flows.md) — the
// negative ELBO (and, for the importance-sampling coder, the negative IWAE(N)) of the uniform-dequantised data, in bits per
// dimension of the symbols, estimated by Monte Carlo through the same ICifSession questions the coders ask (so they hold
// for any model, ours or a user's). One importance weight of x~ = (x + v) / 2^b, v ~ U[0, 1)^D:
//   for l = L-1 .. 0: u_l ~ q(u_l | z_{l+1}), z_l = F_l^-1(z_{l+1}; u_l)  (z_L = x~);
//   ln w = ln N(z_0; 0, I) + sum_l [ ln p(u_l | z_l) - sum_i lambda_l,i - ln q(u_l | z_{l+1}) ]
// (lambda in nats: sum_i lambda_l,i is layer l's ln |det J|). -ELBO = -E log2 w + b D; -IWAE(N) = -E log2 (mean of N weights
// of one x~) + b D. The coupled coder's target, -E log2 of the mean of N *coupled* weights: particle k's index coordinate d is
// the Gaussian quantile of a shared uniform shifted by CoupledGridDraw.Shift(k, d) — what the coder draws, without the grid.
// A plain flow (no index) gives its exact dequantised log-likelihood bound. The coders' net rates differ by
// the local bits-back gap and the grids (FlowCodec's tests and docs/flows.md compare them).
using Engine.Ans.Quantization;
using Engine.Modeling.Flows;

namespace Engine.Systems.Flows;

/// <summary>Monte Carlo estimates of a CIF's own bounds.</summary>
public static class FlowBound
{
    private const double Log2E = 1.4426950408889634;
    private const double HalfLn2Pi = 0.91893853320467274;

    /// <summary>−ELBO in bits per dimension over the units of <paramref name="symbols"/>, <paramref name="samples"/> draws of (v, u)
    /// each, with its standard error.</summary>
    /// <exception cref="ArgumentException">The data is empty or not whole units.</exception>
    public static (double BitsPerDim, double StandardError) NegativeElbo(ICifModel model, ReadOnlySpan<byte> symbols, int samples = 1, int seed = 1) =>
        NegativeIwae(model, symbols, 1, samples, seed);

    /// <summary>−IWAE(N) in bits per dimension: N index particles per dequantised x~ (the importance-sampling coder's bound);
    /// <paramref name="samples"/> draws of (v, u^1..u^N) per unit, with the standard error over them.</summary>
    /// <exception cref="ArgumentException">The data is empty or not whole units.</exception>
    public static (double BitsPerDim, double StandardError) NegativeIwae(ICifModel model, ReadOnlySpan<byte> symbols, int particles, int samples = 1,
        int seed = 1) => Estimate(model, symbols, particles, coupled: false, samples, seed);

    /// <summary>The coupled estimator's −E log2 p^_N in bits per dimension (the coupled importance-sampling coder's target): N particles
    /// per dequantised x~ from shared uniforms shifted per particle; <paramref name="samples"/> draws per unit, with the standard error.</summary>
    /// <exception cref="ArgumentException">The data is empty or not whole units.</exception>
    public static (double BitsPerDim, double StandardError) NegativeCoupled(ICifModel model, ReadOnlySpan<byte> symbols, int particles, int samples = 1,
        int seed = 1) => Estimate(model, symbols, particles, coupled: true, samples, seed);

    private static (double BitsPerDim, double StandardError) Estimate(ICifModel model, ReadOnlySpan<byte> symbols, int particles, bool coupled,
        int samples, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        CifShape shape = model.Shape;
        int d = shape.Dims;
        if (symbols.IsEmpty || symbols.Length % d != 0)
            throw new ArgumentException($"The model codes units of {d} symbols; {symbols.Length} symbols is not a positive multiple.", nameof(symbols));
        int units = symbols.Length / d;
        var walk = new Walk(model, units, seed);
        double scale = Math.ScaleB(1.0, -shape.SymbolBits);
        var dequantised = new double[units * d];
        var logWeights = new double[particles * units];
        double sum = 0, squares = 0;
        for (int s = 0; s < samples; s++)
        {
            for (int k = 0; k < dequantised.Length; k++) dequantised[k] = (symbols[k] + walk.Uniform()) * scale;
            if (coupled) walk.DrawShared();
            for (int p = 0; p < particles; p++) walk.LogWeights(dequantised, logWeights.AsSpan(p * units, units), coupled ? p : -1);
            for (int n = 0; n < units; n++)
            {
                double max = double.NegativeInfinity, total = 0;
                for (int p = 0; p < particles; p++) max = Math.Max(max, logWeights[p * units + n]);
                for (int p = 0; p < particles; p++) total += Math.Exp(logWeights[p * units + n] - max);
                double bits = (-(max + Math.Log(total / particles)) * Log2E + shape.SymbolBits * d) / d;
                sum += bits;
                squares += bits * bits;
            }
        }
        walk.Dispose();
        long count = (long)units * samples;
        double avg = sum / count;
        double variance = count > 1 ? Math.Max(0, (squares - count * avg * avg) / (count - 1)) : double.NaN;
        return (avg, Math.Sqrt(variance / count));
    }

    // One particle's walk down the layers for every unit at once, with its buffers and random numbers.
    private sealed class Walk(ICifModel model, int units, int seed) : IDisposable
    {
        private readonly CifShape _shape = model.Shape;
        private readonly ICifSession _session = model.OpenSession(units);
        private readonly Random _rng = new(seed);
        private readonly double[] _z = new double[units * model.Shape.Dims], _above = new double[units * model.Shape.Dims],
            _lambda = new double[units * model.Shape.Dims], _mu = new double[units * model.Shape.Dims],
            _lambda0 = new double[units * model.Shape.Dims], _mu0 = new double[units * model.Shape.Dims],
            _index = new double[units * model.Shape.IndexDims], _mean = new double[units * model.Shape.IndexDims],
            _logStd = new double[units * model.Shape.IndexDims];

        private readonly ulong[] _shared = new ulong[units * model.Shape.Layers * model.Shape.IndexDims];

        public double Uniform() => _rng.NextDouble();

        // New shared words for the coupled particles, one per unit and index coordinate (unit n's coordinate d at n L U + d).
        public void DrawShared()
        {
            for (int k = 0; k < _shared.Length; k++) _shared[k] = (ulong)_rng.NextInt64() & CoupledGridDraw.WordMask;
        }

        // The standard normal of coupled particle p in unit n's index coordinate d: the quantile of its shifted word's midpoint.
        private double CoupledNormal(int p, int n, int d)
        {
            ulong word = (_shared[n * _shape.Layers * _shape.IndexDims + d] + CoupledGridDraw.Shift(p, d)) & CoupledGridDraw.WordMask;
            return NormalDistribution.Quantile((word + 0.5) * Math.ScaleB(1.0, -CoupledGridDraw.WordBits));
        }

        private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

        // ln w of each unit, for one draw of the index from q (coupled particle `coupled`, or independent when it is negative), at
        // the dequantised data x.
        public void LogWeights(ReadOnlySpan<double> x, Span<double> logWeight, int coupled)
        {
            int d = _shape.Dims, u = _shape.IndexDims;
            x.CopyTo(_z);
            logWeight.Clear();
            for (int l = _shape.Layers - 1; l >= 0; l--)
            {
                if (u > 0) _session.IndexPosterior(l, _z, units, _mean, _logStd);
                for (int k = 0; k < _index.Length; k++)
                {
                    double e = coupled < 0 ? Normal() : CoupledNormal(coupled, k / u, l * u + k % u);
                    _index[k] = _mean[k] + Math.Exp(_logStd[k]) * e;
                    logWeight[k / u] -= -0.5 * e * e - _logStd[k] - HalfLn2Pi;
                }
                ReadOnlySpan<byte> stages = _shape.Stages(l);
                Array.Clear(_above);
                _session.Affine(l, 0, _index, _above, units, _lambda0, _mu0);
                for (int k = 0; k < _z.Length; k++) if (stages[k % d] == 0) _above[k] = _z[k];
                _session.Affine(l, 1, _index, _above, units, _lambda, _mu);
                for (int k = 0; k < _z.Length; k++)
                {
                    bool first = stages[k % d] == 0;
                    double lam = first ? _lambda0[k] : _lambda[k], m = first ? _mu0[k] : _mu[k];
                    _z[k] = (_z[k] - m) * Math.Exp(-lam);
                    logWeight[k / d] -= lam;
                }
                if (u > 0) _session.IndexPrior(l, _z, units, _mean, _logStd);
                for (int k = 0; k < _index.Length; k++)
                {
                    double e = (_index[k] - _mean[k]) * Math.Exp(-_logStd[k]);
                    logWeight[k / u] += -0.5 * e * e - _logStd[k] - HalfLn2Pi;
                }
            }
            for (int k = 0; k < _z.Length; k++) logWeight[k / d] += -0.5 * _z[k] * _z[k] - HalfLn2Pi;
        }

        public void Dispose() => _session.Dispose();
    }
}
