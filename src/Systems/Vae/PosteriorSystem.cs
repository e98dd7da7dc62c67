// PosteriorSystem: q(z|x) for the active lanes' images. One batched encoder pass gives a mean and a
// standard deviation per latent; each latent's proposal is the discretised Gaussian over the 2^8
// equal-mass buckets at precision 16 (DiscretizedGaussian: every bucket >= 1), kept as a cumulative row.
// The decoder runs it only after it has decoded x, so both sides build the same tables from the same floats.
using Engine.Ans.Quantization;

namespace Engine.Systems.Vae;

/// <summary>Builds the proposal tables of every active lane from its image.</summary>
internal sealed class PosteriorSystem(VaeContext context) : VaeSystem(context, "Posterior")
{
    private readonly uint[] _freqs = new uint[VaeTables.Buckets];

    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, l = c.L, k = c.K;
        if (a == 0) return;
        c.Model.Encode(c.X.AsSpan(0, a * c.D), a, c.Mean.AsSpan(0, a * l), c.Std.AsSpan(0, a * l));
        for (int row = 0; row < a * l; row++)
        {
            double std = c.Std[row];
            // A std that underflowed to 0 (or a non-finite one) still needs a valid table: both sides clamp alike.
            if (!(std >= 1e-12) || !double.IsFinite(std)) std = double.IsFinite(std) ? 1e-12 : 1e12;
            double mean = double.IsFinite(c.Mean[row]) ? c.Mean[row] : 0.0;
            DiscretizedGaussian.Quantize(mean, std, VaeTables.Grid, c.R, _freqs);
            Span<uint> cdf = c.QCdf.AsSpan(row * (k + 1), k + 1);
            uint sum = 0;
            for (int z = 0; z < k; z++)
            {
                cdf[z] = sum;
                sum += _freqs[z];
            }
            cdf[k] = sum;
        }
    }
}
