// Held-out quality of a VAE: −ELBO and −IWAE(k) in bits per pixel over a set of binary images.
namespace Engine.Models.Neural;

/// <summary>Negative ELBO and negative IWAE(k) bound, in bits per dimension (pixel), averaged over images.</summary>
/// <param name="NegElboBitsPerDim">−ELBO, estimated as the mean of −log w over the k samples.</param>
/// <param name="NegIwaeBitsPerDim">−IWAE_k = −(logsumexp log w − log k): the code length bits-back with IS(k) approaches.</param>
/// <param name="K">Importance samples per image.</param>
/// <param name="Images">Number of images scored.</param>
public sealed record VaeScore(double NegElboBitsPerDim, double NegIwaeBitsPerDim, int K, int Images);
