// AnnealTargetSystem (AIS): once the lane's observation x is known (loaded by the encoder, popped by the
// decoder), gathers log2 q(z | x) and log2 p(x, z) = log2 p(z) + Σ_w log2 p(x_w | z) for every latent value z
// (Q32) from the model's tables, the two end points every annealing step interpolates between. The
// likelihood is asked once per latent value with that value on every lane. The decoder also seeds the
// chain's last state z_{N-1} with the latent the model pass just popped.
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Per-lane log-density tables of the annealing path.</summary>
internal sealed class AnnealTargetSystem(CoderContext context) : CoderSystem(context, "AnnealTarget")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> x = Ctx.X;
        Span<int> zs = Ctx.Z;
        Span<int> zLin = Ctx.ZLin;
        int k = c.K, s = c.S, lanes = c.B;
        QuantizedRows q = c.ProposalTable(0, 0, lo, hi);
        QuantizedRows p = c.PriorTable(0, 0, lo, hi, default);
        for (int b = lo; b < hi; b++)
        {
            int qRow = c.Rows[b] * k, pRow = c.PriorRows[b] * k;
            for (int z = 0; z < k; z++)
            {
                c.LogQ[b * k + z] = q.Log2Q32[qRow + z];
                c.LogP[b * k + z] = p.Log2Q32[pRow + z];
            }
        }
        for (int z = 0; z < k; z++)
        {
            c.Fixed.AsSpan(lo, hi - lo).Fill(z);
            for (int w = 0; w < c.W; w++)
            {
                QuantizedRows e = c.LikelihoodTable(0, w, lo, hi, new LaneColumns(c.Fixed.AsSpan(lo), c.B));
                for (int b = lo; b < hi; b++) c.LogP[b * k + z] += e.Log2Q32[c.LikelihoodRows[b] * s + x[w * lanes + b]];
            }
        }
        if (c.Decoding)
            for (int b = lo; b < hi; b++) zs[c.ZIndex(0, c.N - 1, b)] = zLin[b];
    }
}
