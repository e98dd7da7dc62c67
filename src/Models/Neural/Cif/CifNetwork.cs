// CifNetwork: a continuously-indexed flow on images as a TorchSharp module (float32, CPU), in the two-stage form the local
// bits-back coders need (Engine.Modeling.Flows.ICifModel). Layer l maps z_l to z_{l+1} (z_L = the image in [0, 1)^D) given
// its index u_l (U dimensions):
//   u-conditioned map   (lambda0, mu0) = shift_l + affine_l(u)           affine_l: U -> H -> 2D (tanh), scale part tanh-bounded
//   coupling (stage 1)  (s, t) = coupling_l(z_{l+1} . m0)                coupling_l: D -> H -> H -> 2D (tanh), s tanh-bounded
//   stage 0 (m0 = 1):   z_{l+1} = z_l e^lambda0 + mu0
//   stage 1 (m0 = 0):   z_{l+1} = z_l e^(lambda0 + s) + mu0 e^s + t
//   p(u_l | z_l), q(u_l | z_{l+1}):  D -> H -> 2U (tanh): mean and log std (log std bounded by 3 tanh(./3)); with
//                                    shape.Lipschitz both linears spectrally normalised (SpectralLinear), 1-Lipschitz in z
// and every coordinate's total log scale softly clamped to (-6, 6).
// with a checkerboard mask alternating with l. The coupling reads the layer's stage-0 outputs, so given u the layer is
// elementwise affine in each coordinate and the coder's local Gaussians match exactly (docs/flows.md). With U = 0 the affine
// part is just the learned shift_l (an actnorm) and this is a plain RealNVP-style flow. The last linear of every coupling
// and affine network starts at zero, so training starts from the identity map (plus shift_l).
// Parameter names (layers.{l}.coupling.0.weight, ...) are fixed by the field names and are part of the fingerprint.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>A continuously-indexed flow (Cornish et al. 2020) with RealNVP couplings, in the coders' two-stage form.</summary>
public sealed class CifNetwork : nn.Module
{
    // Field names become parameter names through RegisterComponents: do not rename.
    private readonly ModuleList<CifLayer> layers;
    private readonly float[][] _stage0;

    /// <summary>Bound of every coordinate's log scale per layer (a soft clamp: MaxLogScale tanh(lambda / MaxLogScale)).</summary>
    public const float MaxLogScale = 6f;

    /// <summary>Builds the network with weights drawn from torch's global generator after seeding it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape is out of bounds.</exception>
    public CifNetwork(CifNetworkShape shape, long seed) : base(nameof(CifNetwork))
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        TorchRuntime.EnsureLoaded();
        Shape = shape;
        torch.manual_seed(seed);
        layers = new ModuleList<CifLayer>();
        _stage0 = new float[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++)
        {
            layers.Add(new CifLayer(shape));
            _stage0[l] = Stage0Mask(shape, l);
        }
        RegisterComponents();
    }

    /// <summary>Layer sizes.</summary>
    public CifNetworkShape Shape { get; }

    /// <summary>1 where coordinate i of layer <paramref name="layer"/> is stage 0 (a checkerboard, flipped every layer).</summary>
    public static float[] Stage0Mask(CifNetworkShape shape, int layer)
    {
        var m = new float[shape.Dims];
        for (int r = 0; r < shape.Rows; r++)
            for (int c = 0; c < shape.Cols; c++) m[r * shape.Cols + c] = (r + c + layer) % 2 == 0 ? 1f : 0f;
        return m;
    }

    /// <summary>Every float32 parameter of a network of <paramref name="shape"/> as named_parameters lists it (a linear layer's
    /// weight is [out, in]). Needs no libtorch; a test checks it against a built network.</summary>
    public static IReadOnlyList<(string Name, long[] Sizes)> ParameterSizes(CifNetworkShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long d = shape.Dims, h = shape.Hidden, u = shape.IndexDims;
        var list = new List<(string, long[])>();
        void Linear(string name, long input, long output)
        {
            list.Add((name + ".weight", [output, input]));
            list.Add((name + ".bias", [output]));
        }
        for (int l = 0; l < shape.Layers; l++)
        {
            string p = $"layers.{l}.";
            list.Add((p + "shift", [2 * d]));
            Linear(p + "coupling.0", d, h);
            Linear(p + "coupling.2", h, h);
            Linear(p + "coupling.4", h, 2 * d);
            if (u == 0) continue;
            Linear(p + "affine.0", u, h);
            Linear(p + "affine.2", h, 2 * d);
            foreach (string net in new[] { "prior", "posterior" })
            {
                Linear($"{p}{net}.0", d, h);
                if (shape.Lipschitz) list.Add(($"{p}{net}.0.u", [h]));
                Linear($"{p}{net}.2", h, 2 * u);
                if (shape.Lipschitz) list.Add(($"{p}{net}.2.u", [2 * u]));
            }
        }
        return list;
    }

    /// <summary>Layer <paramref name="layer"/>'s coefficients of every coordinate, [rows, D] each: z_{l+1} = z_l e^logScale + shift
    /// (stage-0 coordinates from u alone; stage-1 from u and <paramref name="above"/>'s stage-0 coordinates, which the mask keeps).</summary>
    public (Tensor LogScale, Tensor Shift) Coefficients(int layer, Tensor? index, Tensor above)
    {
        CifLayer m = layers[layer];
        using Tensor mask = torch.tensor(_stage0[layer]);
        using Tensor masked = above * mask;
        var (lambda0, mu0) = m.Affine(index, above.shape[0]);
        var (s, t) = m.Coupling(masked);
        using Tensor stage1 = torch.ones_like(mask) - mask;
        using Tensor sMasked = s * stage1;
        // Every log scale is kept inside (-MaxLogScale, MaxLogScale) by a soft clamp, so no batch can send a level to
        // e^30 and the loss to millions (a training run met one in epoch 2 without it).
        using Tensor total = lambda0 + sMasked;
        Tensor logScale = total.div(KeptScalars.MaxLogScale).tanh().mul(KeptScalars.MaxLogScale);
        Tensor shift = mu0 * sMasked.exp() + t * stage1;
        return (logScale, shift);
    }

    /// <summary>p(u_l | z_l): mean and log std, [rows, U] each.</summary>
    public (Tensor Mean, Tensor LogStd) IndexPrior(int layer, Tensor below) => CifLayer.Gaussian(layers[layer].prior!, below);

    /// <summary>q(u_l | z_{l+1}): mean and log std, [rows, U] each.</summary>
    public (Tensor Mean, Tensor LogStd) IndexPosterior(int layer, Tensor above) => CifLayer.Gaussian(layers[layer].posterior!, above);

    /// <summary>ln w = ln p(x, u) - ln q(u | x) of one index draw per row of dequantised images <paramref name="x"/> ([rows, D] in
    /// [0, 1)), with the draws from <paramref name="generator"/> (training: differentiable by reparameterisation).</summary>
    public Tensor LogWeights(Tensor x, Generator? generator)
    {
        Tensor z = x;
        Tensor logW = torch.zeros(x.shape[0]);
        for (int l = Shape.Layers - 1; l >= 0; l--)
        {
            Tensor? u = null;
            if (Shape.IndexDims > 0)
            {
                var (qm, qls) = IndexPosterior(l, z);
                Tensor e = torch.randn(qm.shape, generator: generator);
                u = qm + qls.exp() * e;
                logW = logW - LogNormal(e, qls);
            }
            var (logScale, shift) = Coefficients(l, u, z);
            z = (z - shift) * (-logScale).exp();
            logW = logW - logScale.sum(1);
            if (u is not null)
            {
                var (pm, pls) = IndexPrior(l, z);
                Tensor e = (u - pm) * (-pls).exp();
                logW = logW + LogNormal(e, pls);
            }
        }
        return logW + LogNormal(z, null);
    }

    // sum_i ln N(e_i; 0, 1) - logStd_i: a Gaussian's log density at standardised e with log std logStd (0 when null), per row.
    private static Tensor LogNormal(Tensor e, Tensor? logStd)
    {
        Tensor terms = (e * e).mul(KeptScalars.MinusHalf).sub(KeptScalars.HalfLn2Pi);
        if (logStd is not null) terms = terms - logStd;
        return terms.sum(1);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
