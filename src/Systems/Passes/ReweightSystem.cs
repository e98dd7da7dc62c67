// ReweightSystem (step t): importance weights in Q32 log2 units from the integer tables' FixedLog2 values:
//   log2 w_t^i = [log2 w_{t-1}^i unless a new segment started] + log2 p(z_t^i | z_{t-1}^{A^i})
//                + log2 p(x_t | z_t^i) - log2 q(z_t^i | x_t),
// with the prior instead of the transition at t = 0 and A^i = i where the lane did not resample. Sums
// of integers only, so encoder and decoder get the same bits. A particle chunk pass: each row reads its
// own Latent, Ancestor and LogWeight and the parent's latent from the gathered Z of step t - 1.
using Engine.Components;
using Engine.Ecs;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Updates every particle's log-weight at step t.</summary>
internal sealed class ReweightSystem(CoderContext context, int step) : CoderSystem(context, "Reweight")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, w = c.T, lanes = c.B, k = c.K, s = c.S, n = c.N, touched = 0;
        long[] prior = c.Prior.Log2Q32, emission = c.Emission.Log2Q32, proposal = c.Proposal.Log2Q32;
        long[] transition = c.Transition?.Log2Q32 ?? [];
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            Span<Ancestor> ancestor = chunk.GetVectorSpan<Ancestor>();
            Span<LogWeight> weight = chunk.GetSpan<LogWeight>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                touched++;
                int z = latent[r * w + t].Value;
                int x = c.X[t * lanes + b];
                bool fresh = c.NewSegment(t, b);
                long lw = fresh ? 0 : weight[r].Q32;
                if (t == 0)
                {
                    lw += prior[z];
                }
                else
                {
                    int parent = fresh ? ancestor[r * w + t].Slot : i;
                    lw += transition[c.Z[c.ZIndex(t - 1, parent, b)] * k + z];
                }
                lw += emission[z * s + x] - proposal[x * k + z];
                weight[r] = new LogWeight(lw);
                c.LogW[b * n + i] = lw;
            }
        }
        AddEntities(touched);
    }
}
