// ModelSystem: codes the data and the special latent path with the model p(x, z).
// Backward (encode, last): for t = T-1 .. 0 push x_t with p(x_t | z_t) then z_t with p(z_t | z_{t-1})
// (the prior at t = 0), where z is the traced lineage. Forward (decode, first) pops in the mirror order
// t = 0 .. T-1: z_t from its prior/transition row, then x_t from the emission row of z_t.
using Engine.Models.Toy;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Pushes (encode) or pops (decode) the observations and the lineage's latents with the model.</summary>
internal sealed class ModelSystem(CoderContext context, CodingPhase phase) : CoderSystem(context, "Model")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int lanes = c.B;
        if (phase == CodingPhase.Backward)
        {
            for (int t = c.T - 1; t >= 0; t--)
            {
                for (int b = lo; b < hi; b++)
                {
                    int idx = c.ZLin[t * lanes + b] * c.S + c.X[t * lanes + b];
                    c.Starts[b] = c.Emission.Start[idx];
                    c.Freqs[b] = c.Emission.Freq[idx];
                }
                c.Rans.Push(lo, hi, c.Starts, c.Freqs, c.Emission.Precision);
                QuantizedRows rows = LatentRows(t);
                for (int b = lo; b < hi; b++)
                {
                    int idx = LatentRow(t, b) * c.K + c.ZLin[t * lanes + b];
                    c.Starts[b] = rows.Start[idx];
                    c.Freqs[b] = rows.Freq[idx];
                }
                c.Rans.Push(lo, hi, c.Starts, c.Freqs, rows.Precision);
            }
            return;
        }
        for (int t = 0; t < c.T; t++)
        {
            QuantizedRows rows = LatentRows(t);
            c.Rans.PeekCf(lo, hi, rows.Precision, c.Cf);
            for (int b = lo; b < hi; b++)
            {
                int row = LatentRow(t, b);
                int z = rows.Lookup(row, c.Cf[b]);
                c.ZLin[t * lanes + b] = z;
                c.Starts[b] = rows.Start[row * c.K + z];
                c.Freqs[b] = rows.Freq[row * c.K + z];
            }
            c.Rans.Commit(lo, hi, c.Starts, c.Freqs, rows.Precision);
            c.Rans.PeekCf(lo, hi, c.Emission.Precision, c.Cf);
            for (int b = lo; b < hi; b++)
            {
                int z = c.ZLin[t * lanes + b];
                int x = c.Emission.Lookup(z, c.Cf[b]);
                c.X[t * lanes + b] = x;
                c.Starts[b] = c.Emission.Start[z * c.S + x];
                c.Freqs[b] = c.Emission.Freq[z * c.S + x];
            }
            c.Rans.Commit(lo, hi, c.Starts, c.Freqs, c.Emission.Precision);
        }
    }

    private QuantizedRows LatentRows(int t) => t == 0 ? Ctx.Prior : Ctx.Transition!;

    private int LatentRow(int t, int b) => t == 0 ? 0 : Ctx.ZLin[(t - 1) * Ctx.B + b];
}
