// SpectralLinear: a linear layer divided by its largest singular value (spectral normalisation, Miyato et al. 2018), so it is
// 1-Lipschitz; with tanh between such layers a whole network is. The CIF's index networks p(u | z) and q(u | z) use it when the
// shape asks (CifNetworkShape.Lipschitz): the CIF theory wants those maps Lipschitz, so a small change of z moves the index
// Gaussians only a little.
//   sigma ~ u' W v,  v = W'u / |W'u|   (u: the power iteration's left vector, a parameter that takes no gradient)
// Training does one power-iteration step per forward (u <- W v / |W v|, outside the graph) before sigma; evaluation leaves u
// as stored, so every forward of a loaded model computes the same sigma from the same floats (the coders rely on that).
// Parameter names: weight, bias, u (part of the fingerprint and the state dict's layout).
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>A spectrally normalised linear layer (1-Lipschitz).</summary>
public sealed class SpectralLinear : nn.Module<Tensor, Tensor>
{
    // Field names become parameter names through RegisterComponents: do not rename or reorder.
    private readonly TorchSharp.Modules.Parameter weight;
    private readonly TorchSharp.Modules.Parameter bias;
    private readonly TorchSharp.Modules.Parameter u;

    /// <summary>A layer from <paramref name="input"/> to <paramref name="output"/> features, drawn from torch's global generator as
    /// nn.Linear draws (uniform in ±1/sqrt(input)), with a random unit u.</summary>
    public SpectralLinear(long input, long output) : base(nameof(SpectralLinear))
    {
        double bound = 1.0 / Math.Sqrt(input);
        weight = new TorchSharp.Modules.Parameter(torch.empty(output, input).uniform_(-bound, bound));
        bias = new TorchSharp.Modules.Parameter(torch.empty(output).uniform_(-bound, bound));
        using (torch.no_grad())
        {
            using Tensor start = torch.randn(output);
            u = new TorchSharp.Modules.Parameter(start / start.norm(), requires_grad: false);
        }
        RegisterComponents();
    }

    /// <summary>The largest singular value's estimate u' W v (differentiable in W).</summary>
    public Tensor Sigma()
    {
        Tensor v;
        using (torch.no_grad())
        {
            using Tensor wtu = weight.t().mv(u);
            v = wtu / wtu.norm().add(KeptScalars.Epsilon);
            if (training)
            {
                using Tensor wv = weight.mv(v);
                u.copy_(wv / wv.norm().add(KeptScalars.Epsilon));
            }
        }
        using (v)
        using (Tensor wv = weight.mv(v))
            return u.dot(wv);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using Tensor sigma = Sigma();
        using Tensor scaled = weight / sigma;
        return nn.functional.linear(input, scaled, bias);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            weight.Dispose();
            bias.Dispose();
            u.Dispose();
        }
        base.Dispose(disposing);
    }
}
