// ToyCif: a small continuously-indexed flow with seeded weights and plain C# double arithmetic (DeterministicMath), so
// the local bits-back coders can be tested and measured without TorchSharp: every answer is bit-identical on every
// machine, and the description rebuilds the model. Layer l of L (ICifModel's form):
//   u-conditioned map   lambda_i = 0.4 tanh(A_l u + a_l)_i + scale_l,   mu_i = 0.3 (B_l u)_i + b_l,i      (stage 0 as it is)
//   coupling (stage 1)  h = tanh(W_l z_{l+1}^{stage 0} + w_l);  s = 0.5 tanh(S_l h + s_l);  t = 0.5 T_l h + t_l;
//                       lambda_i <- lambda_i + s_i,  mu_i <- mu_i e^{s_i} + t_i
//   p(u_l | z_l):      h = tanh(V z_l + v);  mean = M h;  log std = -0.5 + 0.3 tanh(R h + r)
//   q(u_l | z_{l+1}):  the same network read at z_{l+1}, log std 0.5 lower — a proposal near the prior, as a trained one
//                      would be, so the toy's -ELBO stays a few bits from its likelihood and its Monte Carlo noise small.
// The top layer is followed by z -> z / 8 + 1/2 (folded into its coefficients), so data lands in [0, 1) but for outliers. IndexDims = 0 gives the plain flow.
// Sample draws data from the model itself (z_0 ~ N(0, I), u ~ p, forward), quantised to symbols.
using System.Globalization;
using System.Security.Cryptography;
using Engine.Ans.Quantization;
using Engine.Modeling;
using Engine.Modeling.Flows;

namespace Engine.Models.Toy;

/// <summary>A seeded toy CIF over D dimensions (or the plain flow without index), computed in deterministic doubles.</summary>
public sealed class ToyCif : ICifModel
{
    /// <summary>Prefix of every toy CIF description.</summary>
    public const string DescriptionPrefix = "toy-cif";

    private readonly int _d, _u, _h;
    private readonly Layer[] _layers;

    /// <summary>A toy CIF of <paramref name="dims"/> dimensions, <paramref name="layers"/> layers, <paramref name="indexDims"/> index
    /// dimensions per layer, <paramref name="hidden"/> hidden units and symbols of <paramref name="symbolBits"/> bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (dims ≤ 64, layers ≤ 16, index ≤ 8, hidden ≤ 64).</exception>
    public ToyCif(int dims, int layers, int indexDims, int hidden = 8, int symbolBits = 8, ulong seed = 1)
    {
        if (dims < 1 || dims > 64) throw new ArgumentOutOfRangeException(nameof(dims), dims, "A toy CIF has 1 to 64 dimensions.");
        if (layers < 1 || layers > 16) throw new ArgumentOutOfRangeException(nameof(layers), layers, "A toy CIF has 1 to 16 layers.");
        if (indexDims < 0 || indexDims > 8) throw new ArgumentOutOfRangeException(nameof(indexDims), indexDims, "A toy CIF has 0 to 8 index dimensions.");
        if (hidden < 1 || hidden > 64) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "A toy CIF has 1 to 64 hidden units.");
        Shape = new CifShape(dims, symbolBits, indexDims, CifShape.Alternating(dims, layers));
        (_d, _u, _h, Seed) = (dims, indexDims, hidden, seed);
        var rng = new SplitMix64(seed);
        _layers = new Layer[layers];
        for (int l = 0; l < layers; l++) _layers[l] = new Layer(ref rng, dims, indexDims, hidden, top: l == layers - 1);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{DescriptionPrefix} dims={dims} layers={layers} index={indexDims} hidden={hidden} bits={symbolBits} seed={seed}");
        Identity = new ModelIdentity(text, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text + " weights-v2"))[..16]);
    }

    /// <summary>The weights' seed.</summary>
    public ulong Seed { get; }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <inheritdoc />
    public CifShape Shape { get; }

    /// <summary>Rebuilds the toy CIF a description names.</summary>
    /// <exception cref="FormatException">The text is not a toy CIF description.</exception>
    public static ToyCif FromDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        string[] parts = description.Split(' ');
        if (parts.Length != 7 || parts[0] != DescriptionPrefix) throw new FormatException($"'{description}' is not a toy CIF description.");
        long Field(int i, string key)
        {
            string p = parts[i];
            if (!p.StartsWith(key + "=", StringComparison.Ordinal) ||
                !long.TryParse(p.AsSpan(key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                throw new FormatException($"'{description}' has no {key}= field at position {i}.");
            return v;
        }
        try
        {
            var model = new ToyCif((int)Field(1, "dims"), (int)Field(2, "layers"), (int)Field(3, "index"), (int)Field(4, "hidden"),
                (int)Field(5, "bits"), (ulong)Field(6, "seed"));
            if (model.Identity.Description != description) throw new FormatException($"'{description}' is not written the canonical way.");
            return model;
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{description}': {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ICifSession OpenSession(int chains) => new Session(this);

    /// <summary><paramref name="count"/> data vectors drawn from the model (row-major, D symbols each, clamped to the symbol range).</summary>
    public byte[] Sample(int count, int seed)
    {
        if (Shape.SymbolBits > 8) throw new NotSupportedException("Sample writes bytes: symbol bits must be at most 8.");
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int top = (1 << Shape.SymbolBits) - 1;
        var data = new byte[checked(count * _d)];
        double[] z = new double[_d], next = new double[_d], u = new double[_u], mean = new double[_u], logStd = new double[_u],
            lambda = new double[_d], mu = new double[_d], masked = new double[_d];
        using ICifSession s = OpenSession(1);
        for (int n = 0; n < count; n++)
        {
            for (int i = 0; i < _d; i++) z[i] = Normal();
            for (int l = 0; l < _layers.Length; l++)
            {
                s.IndexPrior(l, z, 1, mean, logStd);
                for (int j = 0; j < _u; j++) u[j] = mean[j] + Math.Exp(logStd[j]) * Normal();
                ReadOnlySpan<byte> stages = Shape.Stages(l);
                Array.Clear(masked);
                s.Affine(l, 0, u, masked, 1, lambda, mu);
                for (int i = 0; i < _d; i++)
                    if (stages[i] == 0) masked[i] = next[i] = z[i] * Math.Exp(lambda[i]) + mu[i];
                s.Affine(l, 1, u, masked, 1, lambda, mu);
                for (int i = 0; i < _d; i++)
                    if (stages[i] == 1) next[i] = z[i] * Math.Exp(lambda[i]) + mu[i];
                (z, next) = (next, z);
            }
            for (int i = 0; i < _d; i++) data[n * _d + i] = (byte)Math.Clamp((int)Math.Floor(z[i] * (top + 1)), 0, top);
        }
        return data;
    }

    private sealed class Session(ToyCif model) : ICifSession
    {
        public void IndexPrior(int layer, ReadOnlySpan<double> below, int count, Span<double> mean, Span<double> logStd) =>
            model._layers[layer].Index.Run(below, count, model._d, model._u, mean, logStd, 0.0);

        public void IndexPosterior(int layer, ReadOnlySpan<double> above, int count, Span<double> mean, Span<double> logStd) =>
            model._layers[layer].Index.Run(above, count, model._d, model._u, mean, logStd, -0.5);

        public void Affine(int layer, int stage, ReadOnlySpan<double> index, ReadOnlySpan<double> above, int count,
            Span<double> logScale, Span<double> shift)
        {
            Layer l = model._layers[layer];
            ReadOnlySpan<byte> stages = model.Shape.Stages(layer);
            int d = model._d, u = model._u, h = model._h;
            Span<double> hidden = stackalloc double[h];
            for (int r = 0; r < count; r++)
            {
                ReadOnlySpan<double> ur = index.Slice(r * u, u), zr = above.Slice(r * d, d);
                if (stage == 1) Dense.Tanh(l.CouplingIn, l.CouplingBias, zr, hidden);
                for (int i = 0; i < d; i++)
                {
                    if (stages[i] != stage) continue;
                    double lambda = 0.4 * DeterministicMath.Tanh(Dense.Row(l.ScaleIn, i, u, ur) + l.ScaleBias[i]);
                    double mu = 0.3 * Dense.Row(l.ShiftIn, i, u, ur) + l.ShiftBias[i];
                    if (stage == 1)
                    {
                        double s = 0.5 * DeterministicMath.Tanh(Dense.Row(l.S, i, h, hidden) + l.SBias[i]);
                        double t = 0.5 * Dense.Row(l.T, i, h, hidden) + l.TBias[i];
                        lambda += s;
                        mu = mu * DeterministicMath.Exp(s) + t;
                    }
                    // The top layer maps the latent scale onto data in [0, 1): z -> z e^Scale + 1/2 after everything else.
                    logScale[r * d + i] = lambda + l.Scale;
                    shift[r * d + i] = l.Scale == 0 ? mu : mu * TopFactor + 0.5;
                }
            }
        }

        public void Dispose()
        {
        }
    }

    // One layer's weights (drawn in a fixed order from the seed).
    // The top layer's fixed map to data, z / 8 + 1/2, as literals (no library log or exp: every machine reads the same doubles).
    private const double TopFactor = 0.125, TopLogScale = -2.0794415416798357;

    private sealed class Layer
    {
        public readonly double[] ScaleIn, ScaleBias, ShiftIn, ShiftBias, CouplingIn, CouplingBias, S, SBias, T, TBias;
        public readonly double Scale;
        public readonly IndexNet Index;

        public Layer(ref SplitMix64 rng, int d, int u, int h, bool top)
        {
            ScaleIn = Dense.Draw(ref rng, d * u, u);
            ScaleBias = Dense.Draw(ref rng, d, 1);
            ShiftIn = Dense.Draw(ref rng, d * u, u);
            ShiftBias = Dense.Draw(ref rng, d, 4);
            CouplingIn = Dense.Draw(ref rng, h * d, Math.Max(1, d / 2));
            CouplingBias = Dense.Draw(ref rng, h, 1);
            S = Dense.Draw(ref rng, d * h, h);
            SBias = Dense.Draw(ref rng, d, 1);
            T = Dense.Draw(ref rng, d * h, h);
            TBias = Dense.Draw(ref rng, d, 4);
            Index = new IndexNet(ref rng, d, u, h);
            Scale = top ? TopLogScale : 0;
        }
    }

    // A diagonal Gaussian over the index from a level: h = tanh(V z + v); mean = M h; log std = shift - 0.5 + 0.3 tanh(R h + r).
    private sealed class IndexNet
    {
        private readonly double[] _v, _vBias, _m, _r, _rBias;
        private readonly int _h;

        public IndexNet(ref SplitMix64 rng, int d, int u, int h)
        {
            _h = h;
            _v = Dense.Draw(ref rng, h * d, d);
            _vBias = Dense.Draw(ref rng, h, 1);
            _m = Dense.Draw(ref rng, u * h, h);
            _r = Dense.Draw(ref rng, u * h, h);
            _rBias = Dense.Draw(ref rng, u, 1);
        }

        public void Run(ReadOnlySpan<double> z, int count, int d, int u, Span<double> mean, Span<double> logStd, double shift)
        {
            Span<double> hidden = stackalloc double[_h];
            for (int r = 0; r < count; r++)
            {
                Dense.Tanh(_v, _vBias, z.Slice(r * d, d), hidden);
                for (int j = 0; j < u; j++)
                {
                    mean[r * u + j] = Dense.Row(_m, j, _h, hidden);
                    logStd[r * u + j] = shift - 0.5 + 0.3 * DeterministicMath.Tanh(Dense.Row(_r, j, _h, hidden) + _rBias[j]);
                }
            }
        }
    }

    private static class Dense
    {
        // Weights uniform in [-1, 1) / sqrt(fanIn), from the top 53 bits of each draw.
        public static double[] Draw(ref SplitMix64 rng, int count, int fanIn)
        {
            var w = new double[count];
            double scale = 1.0 / Math.Sqrt(fanIn);
            for (int i = 0; i < count; i++) w[i] = ((rng.Next() >> 11) * (1.0 / (1UL << 53)) * 2 - 1) * scale;
            return w;
        }

        public static double Row(double[] w, int row, int width, ReadOnlySpan<double> x)
        {
            double sum = 0;
            for (int k = 0; k < width; k++) sum += w[row * width + k] * x[k];
            return sum;
        }

        public static void Tanh(double[] w, double[] bias, ReadOnlySpan<double> x, Span<double> hidden)
        {
            for (int k = 0; k < hidden.Length; k++) hidden[k] = DeterministicMath.Tanh(Row(w, k, x.Length, x) + bias[k]);
        }
    }
}
