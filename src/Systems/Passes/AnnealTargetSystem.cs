// AnnealTargetSystem (AIS): once the lane's symbol x is known (loaded by the encoder, popped by the
// decoder), gathers log2 q(z | x) and log2 p(x, z) = log2 p(z) + log2 p(x | z) for every latent z (Q32),
// the two end points every annealing step interpolates between. The decoder also seeds the chain's last
// state z_{N-1} with the latent the model pass just popped.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Per-lane log-density tables of the annealing path.</summary>
internal sealed class AnnealTargetSystem(CoderContext context) : CoderSystem(context, "AnnealTarget")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int k = c.K, s = c.S;
        for (int b = lo; b < hi; b++)
        {
            int x = c.X[b];
            for (int z = 0; z < k; z++)
            {
                c.LogQ[b * k + z] = c.Proposal.Log2Q32[x * k + z];
                c.LogP[b * k + z] = c.Prior.Log2Q32[z] + c.Emission.Log2Q32[z * s + x];
            }
            if (c.Decoding) c.Z[c.ZIndex(0, c.N - 1, b)] = c.ZLin[b];
        }
    }
}
