// The VRNN (Chung et al. 2015) as a TorchSharp module (float32, CPU), for binary vectors x_t (X symbols), Gaussian latents
// z_t (Z) and a GRU state h_t (H), h_{-1} = 0:
//   features   φx(x) = tanh(phi_x x),  φz(z) = tanh(phi_z z)                                  (F each)
//   prior      p(z_t | h_{t-1})      = N(μ, diag σ²),  [μ | log σ] = prior_out tanh(prior_hidden h_{t-1})
//   proposal   q(z_t | h_{t-1}, x_t) = N(μ, diag σ²),  [μ | log σ] = post_out tanh(post_hidden h_{t-1} + post_x φx(x_t))
//   likelihood p(x_t | z_t, h_{t-1}) = Π Bernoulli(sigmoid(dec_out tanh(dec_hidden h_{t-1} + dec_z φz(z_t))))
//   recurrence h_t = GRU([φx(x_t) | φz(z_t)], h_{t-1})   (gates r, u and candidate n from gru_input and gru_hidden)
// The proposal's hidden layer is a sum of an h-part and an x-part on purpose: the coders know h_{t-1} per particle and x_t
// per chain at different moments, so the two parts are computed where each is known (VrnnModel) and only the sum,
// tanh and post_out run per particle. Parameter names come from the field names and are part of the fingerprint.
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Engine.Models.Neural.Vrnn;

/// <summary>A variational recurrent neural network with Bernoulli observations and Gaussian latents.</summary>
public sealed class VrnnNetwork : nn.Module
{
    // Field names become parameter names through RegisterComponents: do not rename.
    private readonly Linear phi_x, phi_z, gru_input, gru_hidden, prior_hidden, prior_out, post_hidden, post_x, post_out, dec_hidden, dec_z, dec_out;

    /// <summary>Builds the network with weights drawn from torch's global generator after seeding it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size of <paramref name="shape"/> is out of range.</exception>
    public VrnnNetwork(VrnnShape shape, long seed) : base(nameof(VrnnNetwork))
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        TorchRuntime.EnsureLoaded();
        Shape = shape;
        torch.manual_seed(seed);
        int x = shape.Symbols, f = shape.Features, h = shape.Hidden, z = shape.Latents;
        phi_x = nn.Linear(x, f);
        phi_z = nn.Linear(z, f);
        gru_input = nn.Linear(2 * f, 3 * h);
        gru_hidden = nn.Linear(h, 3 * h);
        prior_hidden = nn.Linear(h, f);
        prior_out = nn.Linear(f, 2 * z);
        post_hidden = nn.Linear(h, f);
        post_x = nn.Linear(f, f, hasBias: false);
        post_out = nn.Linear(f, 2 * z);
        dec_hidden = nn.Linear(h, f);
        dec_z = nn.Linear(f, f, hasBias: false);
        dec_out = nn.Linear(f, x);
        RegisterComponents();
    }

    /// <summary>Layer sizes.</summary>
    public VrnnShape Shape { get; }

    /// <summary>Every float32 parameter of a network of <paramref name="shape"/> as named_parameters lists it: name and sizes
    /// (a linear layer's weight is [out, in]). Needs no libtorch; a test checks it against a built network.</summary>
    public static IReadOnlyList<(string Name, long[] Sizes)> ParameterSizes(VrnnShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long x = shape.Symbols, f = shape.Features, h = shape.Hidden, z = shape.Latents;
        (string Module, long In, long Out, bool Bias)[] layers =
        [
            ("phi_x", x, f, true), ("phi_z", z, f, true), ("gru_input", 2 * f, 3 * h, true), ("gru_hidden", h, 3 * h, true),
            ("prior_hidden", h, f, true), ("prior_out", f, 2 * z, true), ("post_hidden", h, f, true), ("post_x", f, f, false),
            ("post_out", f, 2 * z, true), ("dec_hidden", h, f, true), ("dec_z", f, f, false), ("dec_out", f, x, true),
        ];
        var list = new List<(string, long[])>();
        foreach (var (module, inputs, outputs, bias) in layers)
        {
            list.Add((module + ".weight", [outputs, inputs]));
            if (bias) list.Add((module + ".bias", [outputs]));
        }
        return list;
    }

    /// <summary>φx(x): features [.., F] of binary vectors [.., X] (float 0/1).</summary>
    public Tensor ObservedFeatures(Tensor x) => phi_x.forward(x).tanh();

    /// <summary>φz(z): features [.., F] of latents [.., Z].</summary>
    public Tensor LatentFeatures(Tensor z) => phi_z.forward(z).tanh();

    /// <summary>p(z_t | h_{t-1}): mean and log std, each [.., Z].</summary>
    public (Tensor Mean, Tensor LogStd) Prior(Tensor h)
    {
        Tensor[] parts = prior_out.forward(prior_hidden.forward(h).tanh()).chunk(2, -1);
        return (parts[0], parts[1]);
    }

    /// <summary>The h-part of the proposal's hidden layer: post_hidden h_{t-1} (with its bias), [.., F].</summary>
    public Tensor ProposalFromState(Tensor h) => post_hidden.forward(h);

    /// <summary>The x-part of the proposal's hidden layer: post_x φx(x_t), [.., F].</summary>
    public Tensor ProposalFromObserved(Tensor observedFeatures) => post_x.forward(observedFeatures);

    /// <summary>q(z_t | h_{t-1}, x_t) from the two parts of its hidden layer: mean and log std, each [.., Z].</summary>
    public (Tensor Mean, Tensor LogStd) Proposal(Tensor fromState, Tensor fromObserved)
    {
        Tensor[] parts = post_out.forward((fromState + fromObserved).tanh()).chunk(2, -1);
        return (parts[0], parts[1]);
    }

    /// <summary>Bernoulli logits of p(x_t | z_t, h_{t-1}), [.., X], from h_{t-1} [.., H] and φz(z_t) [.., F].</summary>
    public Tensor DecoderLogits(Tensor h, Tensor latentFeatures) =>
        dec_out.forward((dec_hidden.forward(h) + dec_z.forward(latentFeatures)).tanh());

    /// <summary>h_t = GRU([φx(x_t) | φz(z_t)], h_{t-1}), [.., H].</summary>
    public Tensor Recur(Tensor h, Tensor observedFeatures, Tensor latentFeatures)
    {
        Tensor[] gi = gru_input.forward(torch.cat([observedFeatures, latentFeatures], -1)).chunk(3, -1);
        Tensor[] gh = gru_hidden.forward(h).chunk(3, -1);
        Tensor reset = (gi[0] + gh[0]).sigmoid();
        Tensor update = (gi[1] + gh[1]).sigmoid();
        Tensor candidate = (gi[2] + reset * gh[2]).tanh();
        // 1 − u as −u + 1 with a rooted Scalar (KeptScalars: a bare 1 can be finalized mid-call); the same floats as 1 − u.
        return update.neg().add(KeptScalars.One) * candidate + update * h;
    }

    /// <summary>The proposal's output layer as plain arrays (weight [2Z, F] row-major, bias [2Z]): the coders evaluate
    /// it per particle outside libtorch (VrnnModel).</summary>
    public (float[] Weight, float[] Bias) ProposalOutput()
    {
        using var noGrad = torch.no_grad();
        return (post_out.weight!.contiguous().data<float>().ToArray(), post_out.bias!.contiguous().data<float>().ToArray());
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            foreach (Linear layer in new[] { phi_x, phi_z, gru_input, gru_hidden, prior_hidden, prior_out, post_hidden, post_x, post_out, dec_hidden, dec_z, dec_out })
                layer.Dispose();
        base.Dispose(disposing);
    }
}
