// The binary VAE as a TorchSharp module (float32, CPU):
//   encoder  x (D) → tanh(H) → tanh(H) → [mean | log-std] (2L)   q(z|x) = N(mean, diag(exp(log-std))²)
//   decoder  z (L) → tanh(H) → tanh(H) → logits (D)               p(x|z) = Π Bernoulli(sigmoid(logit))
//   prior    p(z) = N(0, I)
// Parameter names (encoder.0.weight, …) are fixed by the field names and are part of the fingerprint.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>A VAE with Bernoulli pixels and Gaussian latents (Kingma &amp; Welling 2014; Burda et al. 2016).</summary>
public sealed class BinaryVae : nn.Module
{
    // Field names become parameter names through RegisterComponents: do not rename.
    private readonly Sequential encoder;
    private readonly Sequential decoder;

    /// <summary>Builds the network with weights drawn from torch's global generator after seeding it.</summary>
    /// <param name="shape">Layer sizes.</param>
    /// <param name="seed">Seed for the initial weights (torch.manual_seed).</param>
    public BinaryVae(VaeShape shape, long seed) : base(nameof(BinaryVae))
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        TorchRuntime.EnsureLoaded();
        Shape = shape;
        torch.manual_seed(seed);
        encoder = nn.Sequential(
            nn.Linear(shape.Pixels, shape.Hidden), nn.Tanh(),
            nn.Linear(shape.Hidden, shape.Hidden), nn.Tanh(),
            nn.Linear(shape.Hidden, 2 * shape.Latents));
        decoder = nn.Sequential(
            nn.Linear(shape.Latents, shape.Hidden), nn.Tanh(),
            nn.Linear(shape.Hidden, shape.Hidden), nn.Tanh(),
            nn.Linear(shape.Hidden, shape.Pixels));
        RegisterComponents();
    }

    /// <summary>Layer sizes.</summary>
    public VaeShape Shape { get; }

    /// <summary>Every float32 parameter of a network of <paramref name="shape"/> as named_parameters lists it: name
    /// and sizes (a linear layer's weight is [out, in]). Needs no libtorch; a test checks it against a built network.</summary>
    public static IReadOnlyList<(string Name, long[] Sizes)> ParameterSizes(VaeShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long d = shape.Pixels, h = shape.Hidden, l = shape.Latents;
        (string Module, long In, long Out)[] layers =
        [
            ("encoder.0", d, h), ("encoder.2", h, h), ("encoder.4", h, 2 * l),
            ("decoder.0", l, h), ("decoder.2", h, h), ("decoder.4", h, d),
        ];
        return layers.SelectMany(x => new[] { (x.Module + ".weight", new[] { x.Out, x.In }), (x.Module + ".bias", new[] { x.Out }) }).ToArray();
    }

    /// <summary>q(z|x): mean and log standard deviation, each [batch, L], for images x of shape [batch, D].</summary>
    public (Tensor Mean, Tensor LogStd) Encode(Tensor x)
    {
        using Tensor h = encoder.forward(x);
        Tensor[] parts = h.chunk(2, -1);
        return (parts[0], parts[1]);
    }

    /// <summary>p(x|z): Bernoulli logits [..., D] for latents z of shape [..., L].</summary>
    public Tensor DecodeLogits(Tensor z) => decoder.forward(z);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoder.Dispose();
            decoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
