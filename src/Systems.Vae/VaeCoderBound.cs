// VaeCoderBound: the bounds a VAE coder's net rate tends to, computed on the coder's own quantised tables rather than the
// float network's (the sweep prints both). For each image, k latent vectors are drawn from the quantised proposal Q (each
// dimension's bucket by the integer inverse CDF of its row, from a seeded SplitMix64, so fresh independent draws), and
//   log2 w = log2 P(x | z) + sum_l (log2 P(z_l) - log2 Q(z_l | x))
// from the same Q32 table logs the coder uses (the pixels' 16-bit Bernoulli rows at the grid's bucket points, the uniform
// prior, the discretised proposal). −ELBO_Q = −mean log2 w is what BB-ELBO's net tends to with clean bits; −IWAE_Q(k) =
// −(logsumexp log2 w − log2 k) is BB-IS(k)'s. The difference from the float bounds is what the grid and the 16-bit pixels
// cost; the difference of a measured net from these is what the coder itself loses (dirty bits, rANS overhead).
// Runs through the public model session (Observe, Proposal, PrepareLikelihood, AddLogLikelihood), batch by batch.
using Engine.Ans.Quantization;
using Engine.Modeling;
using Engine.Models.Data;
using Engine.Models.Neural;

namespace Engine.Systems.Vae;

/// <summary>−ELBO and −IWAE(k) of a VAE on its coder's quantised tables, in bits per pixel.</summary>
public static class VaeCoderBound
{
    /// <summary>Images per model session (proposal rows: batch × latents × 2^k entries).</summary>
    public const int Batch = 16;

    /// <summary>Scores <paramref name="images"/> with <paramref name="k"/> proposal draws each on <paramref name="grid"/>.</summary>
    /// <exception cref="ArgumentException">The images do not have the model's pixel count, or there are none.</exception>
    public static VaeCoderBoundResult Measure(VaeModel model, VaeLatentGrid grid, BinaryImages images, int k = 50, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (images.PixelsPerImage != model.Pixels)
            throw new ArgumentException($"Images have {images.PixelsPerImage} pixels; the model codes {model.Pixels}.", nameof(images));
        if (images.Count == 0) throw new ArgumentException("There are no images to score.", nameof(images));
        var latentModel = new VaeLatentModel(model, grid);
        int d = model.Pixels, l = model.Latents, batch = Math.Min(Batch, images.Count);
        var x = new int[d * batch];
        var z = new int[k * l * batch];
        var rows = new int[batch];
        var slots = new int[batch];
        var sums = new long[batch];
        var logW = new double[k * batch];
        var rng = new SplitMix64(seed);
        long priorPerDim = grid.PriorTable.Log2Q32[0];
        double elbo = 0, iwae = 0, withinVariance = 0;
        using IModelSession session = latentModel.OpenSession(batch, k);
        for (int first = 0; first < images.Count; first += batch)
        {
            int a = Math.Min(batch, images.Count - first);
            ReadOnlySpan<byte> bits = images.Bits.AsSpan(first * d, a * d);
            for (int b = 0; b < a; b++) for (int w = 0; w < d; w++) x[w * a + b] = bits[b * d + w];
            session.Observe(new ObservedBatch(0, 0, a, a, x));
            Array.Clear(logW);
            for (int dim = 0; dim < l; dim++)
            {
                QuantizedRows q = session.Proposal(new LatentQuery(0, dim, 0, a, new LaneColumns(x, a), default, default), rows);
                uint mask = (1u << q.Precision) - 1;
                for (int i = 0; i < k; i++)
                    for (int b = 0; b < a; b++)
                    {
                        int bucket = q.Lookup(rows[b], (uint)rng.Next() & mask);
                        z[(i * l + dim) * a + b] = bucket;
                        logW[i * a + b] += FixedLog2.ToDouble(priorPerDim - q.Log2Q32[rows[b] * q.Width + bucket]);
                    }
            }
            session.PrepareLikelihood(new LatentBatch(0, 0, a, k, l, l * a, a, z));
            for (int i = 0; i < k; i++)
            {
                Array.Fill(slots, i);
                Array.Clear(sums);
                var latent = new LaneColumns(z.AsSpan(i * l * a), a);
                session.AddLogLikelihood(new LatentQuery(0, 0, 0, a, new LaneColumns(x, a), default, latent, slots), d, rows, sums);
                for (int b = 0; b < a; b++) logW[i * a + b] += FixedLog2.ToDouble(sums[b]);
            }
            for (int b = 0; b < a; b++)
            {
                double max = double.NegativeInfinity, mean = 0;
                for (int i = 0; i < k; i++)
                {
                    max = Math.Max(max, logW[i * a + b]);
                    mean += logW[i * a + b] / k;
                }
                double sum = 0, squares = 0;
                for (int i = 0; i < k; i++)
                {
                    sum += Math.Pow(2, logW[i * a + b] - max);
                    squares += (logW[i * a + b] - mean) * (logW[i * a + b] - mean);
                }
                elbo -= mean;
                if (k > 1) withinVariance += squares / (k - 1) / k; // variance of this image's mean over k draws
                iwae -= max + Math.Log2(sum / k);
            }
        }
        int n = images.Count;
        // The standard error is that of the draws on these images (not of the images as a sample of a population): what two
        // estimates of the same images differ by. One draw per image (BB-ELBO's net) has sqrt(k) times this one's.
        return new VaeCoderBoundResult(elbo / n / d, iwae / n / d, Math.Sqrt(withinVariance) / n / d, k, n);
    }
}

/// <summary>Bounds on a coder's quantised tables, bits per pixel: −ELBO_Q (the standard error of its k-draw estimate) and −IWAE_Q(k).</summary>
public sealed record VaeCoderBoundResult(double NegElboBitsPerDim, double NegIwaeBitsPerDim, double NegElboStandardError, int K, int Images);
