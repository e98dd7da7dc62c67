// VaeModelSystem: codes the image and the selected latent z_j with the model p(x, z) = p(z) p(x | z).
// Backward (encode, last): push the pixels d = 0..D-1 with Bernoulli(p(x_d | z_j)) at precision 16 (from the
//   logits the reweight pass computed for row b N + j), then z_j's buckets l = 0..L-1 with the uniform prior
//   (start = bucket, freq 1, precision 8).
// Forward (decode, first): the mirror: pop z_j's buckets l = L-1..0 with the prior, one decoder pass on the
//   a rows of z_j's centres (row b), then pop the pixels d = D-1..0, which fills X.
using Engine.Ans.Quantization;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Pushes (encode) or pops (decode) the pixels and the selected latents with the model.</summary>
internal sealed class VaeModelSystem(VaeContext context, CodingPhase phase) : VaeSystem(context, "Model")
{
    private const int Px = VaeTables.PixelPrecision;

    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, lanes = c.B, d = c.D, w = c.L;
        if (a == 0) return;
        if (phase == CodingPhase.Backward)
        {
            for (int k = 0; k < d; k++)
            {
                for (int b = 0; b < a; b++)
                {
                    float logit = c.Logits[(b * c.N + c.Lineage[b]) * d + k];
                    uint f1 = BernoulliQuantizer.FrequencyOfOneFromLogit(logit, Px);
                    (c.Starts[b], c.Freqs[b]) = BernoulliQuantizer.Interval(c.X[b * d + k], f1, Px);
                }
                c.Rans.Push(a, c.Starts, c.Freqs, Px);
            }
            for (int l = 0; l < w; l++)
            {
                for (int b = 0; b < a; b++) c.Starts[b] = (uint)c.ZLin[l * lanes + b];
                c.Rans.Push(a, c.Starts, c.Ones, VaeTables.PriorBits);
            }
            return;
        }
        for (int l = w - 1; l >= 0; l--)
        {
            c.Rans.PeekCf(a, VaeTables.PriorBits, c.Cf);
            for (int b = 0; b < a; b++) c.ZLin[l * lanes + b] = (int)c.Cf[b];
            c.Rans.Commit(a, c.Cf, c.Ones, VaeTables.PriorBits);
        }
        float[] centres = VaeTables.Centres;
        for (int b = 0; b < a; b++)
            for (int l = 0; l < w; l++) c.NetIn[b * w + l] = centres[c.ZLin[l * lanes + b]];
        c.Model.DecodeLogits(c.NetIn.AsSpan(0, a * w), a, c.Logits.AsSpan(0, a * d));
        for (int k = d - 1; k >= 0; k--)
        {
            c.Rans.PeekCf(a, Px, c.Cf);
            for (int b = 0; b < a; b++)
            {
                uint f1 = BernoulliQuantizer.FrequencyOfOneFromLogit(c.Logits[b * d + k], Px);
                int bit = BernoulliQuantizer.Bit(c.Cf[b], f1, Px);
                c.X[b * d + k] = (byte)bit;
                (c.Starts[b], c.Freqs[b]) = BernoulliQuantizer.Interval(bit, f1, Px);
            }
            c.Rans.Commit(a, c.Starts, c.Freqs, Px);
        }
    }
}
