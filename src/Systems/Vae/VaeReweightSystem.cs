// VaeReweightSystem: the importance weight of every particle of every active lane,
//   log2 w^i = Σ_d log2 p(x_d | z^i) + Σ_l log2 p(z^i_l) - Σ_l log2 q(z^i_l | x)    (Q32),
// from the integer frequencies the coder actually uses: Bernoulli pixel frequencies at precision 16 from
// the decoder's logits (BernoulliQuantizer, deterministic exp), the uniform prior over 2^8 buckets and the
// proposal rows. Sums of table lookups (VaeTables.Log2Ratio16) only, so both sides get the same bits.
// Three steps: a particle chunk pass writes each particle's bucket centres to network row b N + i, one
// batched decoder pass over all a·N rows (VaeModel pads to 64-row blocks, so each row's logits do not
// depend on the batch: the decoder, which first decodes x with z_j alone, sees the same floats), and a
// particle chunk pass that sums the weight and stores it in LogWeight and the gathered LogW.
using Engine.Ans.Quantization;
using Engine.Components;
using Engine.Ecs;

namespace Engine.Systems.Vae;

/// <summary>Runs the decoder on all particles and computes their log2 importance weights.</summary>
internal sealed class VaeReweightSystem(VaeContext context) : VaeSystem(context, "Reweight")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, n = c.N, w = c.L, d = c.D;
        if (a == 0) return;
        float[] centres = VaeTables.Centres;
        foreach (Chunk chunk in c.Particles)
        {
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b >= a) continue;
                Span<float> input = c.NetIn.AsSpan((b * n + i) * w, w);
                for (int l = 0; l < w; l++) input[l] = centres[latent[r * w + l].Value];
            }
        }
        c.Model.DecodeLogits(c.NetIn.AsSpan(0, a * n * w), a * n, c.Logits.AsSpan(0, a * n * d));

        long[] log2 = VaeTables.Log2Ratio16;
        long prior = VaeTables.PriorLog2PerLatent * w;
        foreach (Chunk chunk in c.Particles)
        {
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            Span<LogWeight> weight = chunk.GetSpan<LogWeight>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b >= a) continue;
                long lw = prior + PixelLog2(c, b * n + i, b);
                for (int l = 0; l < w; l++)
                {
                    ReadOnlySpan<uint> row = c.QRow(b, l);
                    int z = latent[r * w + l].Value;
                    lw -= log2[row[z + 1] - row[z]];
                }
                weight[r] = new LogWeight(lw);
                c.LogW[b * n + i] = lw;
            }
        }
    }

    /// <summary>Σ_d log2 p(x_d | z) (Q32) for network row <paramref name="netRow"/> and lane b's image.</summary>
    private static long PixelLog2(VaeContext c, int netRow, int b)
    {
        int d = c.D;
        ReadOnlySpan<float> logits = c.Logits.AsSpan(netRow * d, d);
        ReadOnlySpan<byte> x = c.X.AsSpan(b * d, d);
        long[] log2 = VaeTables.Log2Ratio16;
        const uint Total = 1u << VaeTables.PixelPrecision;
        long sum = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            uint f1 = BernoulliQuantizer.FrequencyOfOneFromLogit(logits[k], VaeTables.PixelPrecision);
            sum += log2[x[k] != 0 ? f1 : Total - f1];
        }
        return sum;
    }
}
