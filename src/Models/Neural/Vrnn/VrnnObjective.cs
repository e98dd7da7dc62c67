// Bounds on log p(x) of a VrnnNetwork for binary sequences x [B, T, X], in nats, with N particles per sequence and
// reparameterised Gaussian draws z = μq + σq·ε from a seeded generator. Per step t and particle i:
//   log w_t = log p(x_t | z_t, h_{t-1}) + log N(z_t; μp, σp²) − log N(z_t; μq, σq²)   (the 2π terms cancel and are left out)
//   ELBO    = mean_i Σ_t log w_t          IWAE(N) = logsumexp_i Σ_t log w_t − log N
//   FIVO(N) = Σ_t (logsumexp_i log w_t − log N) of a particle filter (Maddison et al. 2017) that resamples its particles
//             (multinomially, ancestors gathering h) after every step. The ancestor draws are not differentiated: the
//             gradient is the usual biased FIVO one, through the weights and the surviving states only.
// Tensors are laid out particle-major, [N, B, ..], so IwaeObjective.Bound reduces the log weights over dim 0.
using TorchSharp;
using static TorchSharp.torch;

namespace Engine.Models.Neural.Vrnn;

/// <summary>Log importance weights and the ELBO, IWAE(N) and FIVO(N) bounds of a <see cref="VrnnNetwork"/>, in nats.</summary>
public static class VrnnObjective
{
    /// <summary>Σ_t log w_t per particle: shape [N, B], differentiable through the reparameterisation.</summary>
    /// <param name="network">The model.</param>
    /// <param name="x">Binary sequences as float32 0/1, shape [B, T, X].</param>
    /// <param name="particles">Particles N per sequence (≥ 1).</param>
    /// <param name="generator">Source of ε (seeded for reproducibility).</param>
    public static Tensor LogWeights(VrnnNetwork network, Tensor x, int particles, Generator generator) =>
        Run(network, x, particles, generator, resample: false);

    /// <summary>The ELBO estimate per sequence from log weights [N, B]: their mean over the particles, shape [B].</summary>
    public static Tensor Elbo(Tensor logWeights)
    {
        ArgumentNullException.ThrowIfNull(logWeights);
        return logWeights.mean([0]);
    }

    /// <summary>IWAE(N) per sequence from log weights [N, B]: logsumexp over the particles minus log N, shape [B].</summary>
    public static Tensor Iwae(Tensor logWeights) => IwaeObjective.Bound(logWeights);

    /// <summary>FIVO(N) per sequence, log p̂ of a particle filter resampling after every step: shape [B].</summary>
    /// <param name="network">The model.</param>
    /// <param name="x">Binary sequences as float32 0/1, shape [B, T, X].</param>
    /// <param name="particles">Particles N per sequence (≥ 1).</param>
    /// <param name="generator">Source of ε and of the ancestor draws.</param>
    public static Tensor Fivo(VrnnNetwork network, Tensor x, int particles, Generator generator) =>
        Run(network, x, particles, generator, resample: true);

    /// <summary>The bound <paramref name="kind"/> per sequence, shape [B] (what training maximises).</summary>
    public static Tensor Bound(VrnnObjectiveKind kind, VrnnNetwork network, Tensor x, int particles, Generator generator) => kind switch
    {
        VrnnObjectiveKind.Elbo => Elbo(LogWeights(network, x, particles, generator)),
        VrnnObjectiveKind.Iwae => Iwae(LogWeights(network, x, particles, generator)),
        VrnnObjectiveKind.Fivo => Fivo(network, x, particles, generator),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown VRNN objective."),
    };

    // Without resampling: Σ_t log w_t, [N, B]. With: Σ_t log mean_i exp(log w_t), [B], the particles resampled after each
    // step but the last (its ancestors would not be used).
    private static Tensor Run(VrnnNetwork network, Tensor x, int particles, Generator generator, bool resample)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        VrnnShape shape = network.Shape;
        if (x.dim() != 3 || x.shape[2] != shape.Symbols)
            throw new ArgumentException($"Sequences must be [B, T, {shape.Symbols}], got [{string.Join(", ", x.shape)}].", nameof(x));
        long batch = x.shape[0], steps = x.shape[1];
        using Scalar logN = Math.Log(particles).ToScalar();
        using var scope = NewDisposeScope();
        Tensor h = zeros([particles, batch, shape.Hidden]);
        Tensor total = resample ? zeros([batch]) : zeros([particles, batch]);
        for (long t = 0; t < steps; t++)
        {
            Tensor xt = x.select(1, t);                                              // [B, X]
            Tensor observed = network.ObservedFeatures(xt);                          // [B, F], shared by the particles
            Tensor fromObserved = network.ProposalFromObserved(observed);
            var (qMean, qLogStd) = network.Proposal(network.ProposalFromState(h), fromObserved);   // [N, B, Z]
            Tensor eps = randn([particles, batch, shape.Latents], generator: generator);
            Tensor z = qMean + qLogStd.exp() * eps;
            var (pMean, pLogStd) = network.Prior(h);
            Tensor latent = network.LatentFeatures(z);                               // [N, B, F]
            Tensor logits = network.DecoderLogits(h, latent);                        // [N, B, X]
            Tensor logPx = -nn.functional.binary_cross_entropy_with_logits(logits, xt.expand(logits.shape), reduction: nn.Reduction.None).sum(-1);
            Tensor pz = (z - pMean) * (-pLogStd).exp();
            Tensor logPz = (pz * pz).mul(KeptScalars.MinusHalf) - pLogStd;
            Tensor logQz = (eps * eps).mul(KeptScalars.MinusHalf) - qLogStd;
            Tensor logW = logPx + (logPz - logQz).sum(-1);                           // [N, B]
            h = network.Recur(h, observed.expand(particles, batch, observed.shape[1]), latent);
            if (!resample)
            {
                total = total + logW;
                continue;
            }
            total = total + (logW.logsumexp(0) - logN);
            if (t + 1 < steps && particles > 1) h = Resample(h, logW, generator);
        }
        return total.MoveToOuterDisposeScope();
    }

    // Multinomial ancestors per sequence from the normalised weights (drawn without gradient), then every particle takes
    // its ancestor's state: h'[i, b] = h[a[i, b], b].
    private static Tensor Resample(Tensor h, Tensor logW, Generator generator)
    {
        Tensor ancestors;
        using (torch.no_grad())
            ancestors = logW.detach().t().softmax(-1).multinomial(logW.shape[0], replacement: true, generator: generator).t(); // [N, B]
        return h.gather(0, ancestors.unsqueeze(-1).expand(h.shape));
    }
}
