// Held-out quality of a VRNN: its three bounds, negated, in bits per dimension (per binary symbol) over a set of sequences.
namespace Engine.Models.Neural.Vrnn;

/// <summary>−ELBO, −IWAE(N) and −FIVO(N) in bits per dimension, averaged over sequences.</summary>
/// <param name="NegElboBitsPerDim">−ELBO, estimated as the mean over the N particles of −Σ_t log w_t.</param>
/// <param name="NegIwaeBitsPerDim">−IWAE(N): −(logsumexp_i Σ_t log w_t − log N).</param>
/// <param name="NegFivoBitsPerDim">−FIVO(N): −log p̂ of the particle filter that resamples after every step.</param>
/// <param name="Particles">Particles N per sequence.</param>
/// <param name="Sequences">Number of sequences scored.</param>
public sealed record VrnnScore(double NegElboBitsPerDim, double NegIwaeBitsPerDim, double NegFivoBitsPerDim, int Particles, int Sequences);
