// Importance weights of a VAE and the bounds built from them (Burda, Grosse, Salakhutdinov 2016):
//   z_i = mean + exp(log-std)·ε_i, ε_i ~ N(0, I), i = 1..k
//   log w_i = log p(x|z_i) + log N(z_i; 0, I) − log N(z_i; mean, std²)
//   IWAE_k = logsumexp_i log w_i − log k  (k = 1: the ELBO);  ELBO estimate = mean_i log w_i.
// The 2π terms of prior and proposal cancel and are left out; log p(x|z) = −BCE-with-logits summed.
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Log importance weights and the IWAE(k) bound of a <see cref="BinaryVae"/>, in nats.</summary>
public static class IwaeObjective
{
    /// <summary>log w for k samples per image: shape [k, batch], differentiable through the reparameterisation.</summary>
    /// <param name="vae">The model.</param>
    /// <param name="x">Binary images as float32 0/1, shape [batch, D].</param>
    /// <param name="k">Samples per image (≥ 1).</param>
    /// <param name="generator">Source of ε (seeded for reproducibility).</param>
    public static Tensor LogWeights(BinaryVae vae, Tensor x, int k, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(vae);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        long batch = x.shape[0];
        int latents = vae.Shape.Latents, pixels = vae.Shape.Pixels;
        using var scope = NewDisposeScope();
        var (mean, logStd) = vae.Encode(x);
        Tensor eps = randn([k, batch, latents], generator: generator);
        Tensor z = mean + logStd.exp() * eps;                                   // [k, B, L]
        Tensor logits = vae.DecodeLogits(z.reshape(k * batch, latents)).reshape(k, batch, pixels);
        Tensor target = x.unsqueeze(0).expand(k, batch, pixels);
        Tensor logPx = -nn.functional.binary_cross_entropy_with_logits(logits, target, reduction: nn.Reduction.None).sum(-1);
        Tensor logPz = (z * z).sum(-1).mul(KeptScalars.MinusHalf);
        Tensor logQz = (eps * eps).sum(-1) * -0.5 - logStd.sum(-1);             // broadcast [k, B]
        return (logPx + logPz - logQz).MoveToOuterDisposeScope();
    }

    /// <summary>IWAE_k per image from log weights [k, batch]: logsumexp over k minus log k, shape [batch].</summary>
    public static Tensor Bound(Tensor logWeights)
    {
        ArgumentNullException.ThrowIfNull(logWeights);
        return logWeights.logsumexp(0) - Math.Log(logWeights.shape[0]);
    }

    /// <summary>Converts a per-image log-likelihood bound in nats to bits per pixel (negated: a code length).</summary>
    public static double NatsToBitsPerDim(double nats, int pixels) => -nats / (pixels * Math.Log(2));
}
