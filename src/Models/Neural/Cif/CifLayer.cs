// CifLayer: the parameters of one CifNetwork layer (see CifNetwork for the maths): the learned shift (an actnorm: log scale
// and shift per coordinate), the coupling network, and — with an index — the u-conditioned affine network and the two index
// Gaussians' networks. Field names are parameter names (part of the fingerprint): do not rename.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>One layer of a <see cref="CifNetwork"/>.</summary>
public sealed class CifLayer : nn.Module
{
    private readonly Parameter shift;
    private readonly Sequential coupling;
    private readonly Sequential? affine;
    internal readonly Sequential? prior;
    internal readonly Sequential? posterior;
    private readonly long _dims;

    /// <summary>A layer of <paramref name="shape"/>, drawn from torch's global generator.</summary>
    public CifLayer(CifNetworkShape shape) : base(nameof(CifLayer))
    {
        ArgumentNullException.ThrowIfNull(shape);
        long d = shape.Dims, h = shape.Hidden, u = shape.IndexDims;
        _dims = d;
        shift = new Parameter(torch.zeros(2 * d));
        coupling = nn.Sequential(nn.Linear(d, h), nn.Tanh(), nn.Linear(h, h), nn.Tanh(), ZeroLinear(h, 2 * d));
        if (u > 0)
        {
            affine = nn.Sequential(nn.Linear(u, h), nn.Tanh(), ZeroLinear(h, 2 * d));
            prior = IndexNet(shape);
            posterior = IndexNet(shape);
        }
        RegisterComponents();
    }

    /// <summary>(lambda0, mu0): the learned shift plus, with an index, the u-conditioned part (its log scale tanh-bounded); [rows, D] each.</summary>
    public (Tensor LogScale, Tensor Shift) Affine(Tensor? index, long rows)
    {
        Tensor[] parts = shift.expand(rows, 2 * _dims).chunk(2, 1);
        if (affine is null || index is null) return (parts[0], parts[1]);
        Tensor[] u = affine.forward(index).chunk(2, 1);
        return (parts[0] + u[0].tanh(), parts[1] + u[1]);
    }

    /// <summary>(s, t) of the coupling from the masked stage-0 outputs; s bounded by tanh.</summary>
    public (Tensor S, Tensor T) Coupling(Tensor masked)
    {
        Tensor[] parts = coupling.forward(masked).chunk(2, 1);
        return (parts[0].tanh(), parts[1]);
    }

    /// <summary>A diagonal Gaussian's mean and log std (bounded by 3 tanh(./3)) from <paramref name="net"/>.</summary>
    internal static (Tensor Mean, Tensor LogStd) Gaussian(Sequential net, Tensor input)
    {
        Tensor[] parts = net.forward(input).chunk(2, 1);
        return (parts[0], parts[1].div(KeptScalars.Three).tanh().mul(KeptScalars.Three));
    }

    // D -> H -> 2U with tanh; spectrally normalised layers (1-Lipschitz in z) when the shape asks.
    private static Sequential IndexNet(CifNetworkShape shape)
    {
        long d = shape.Dims, h = shape.Hidden, u = shape.IndexDims;
        return shape.Lipschitz
            ? nn.Sequential(new SpectralLinear(d, h), nn.Tanh(), new SpectralLinear(h, 2 * u))
            : nn.Sequential(nn.Linear(d, h), nn.Tanh(), nn.Linear(h, 2 * u));
    }

    private static Linear ZeroLinear(long input, long output)
    {
        Linear l = nn.Linear(input, output);
        using (torch.no_grad())
        {
            l.weight!.zero_();
            l.bias!.zero_();
        }
        return l;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shift.Dispose();
            coupling.Dispose();
            affine?.Dispose();
            prior?.Dispose();
            posterior?.Dispose();
        }
        base.Dispose(disposing);
    }
}
