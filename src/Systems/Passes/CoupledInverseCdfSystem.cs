// CoupledInverseCdfSystem (step t): BB-CIS / BB-CSMC particles. One uniform u_t on 2^r values per lane;
// particle i is z^i = F_q^{-1}(op_i(u_t)) with op_i(u) = (u + ⌊π(i) 2^r / N⌋) mod 2^r, π(i) = i g mod N a
// fixed slot permutation (CoderContext.SlotSpread; π(0) = 0), a bijection for each i (op_0 = identity),
// so each particle is marginally q-distributed while all N share one draw.
// Forward/encode: pop u_t (a cf at precision r with freq 1).
// Backward/encode: push the residual ρ = op_b(u_t) - start_q(z^b) of the lineage particle b = b_t inside
//   its bucket with an exact Uniform(freq_q(z^b)) (any freq, not only powers of two).
// Forward/decode: pop ρ (z^b = z_t^lin is known), recover u_t = (start_q(z^b) + ρ - shift_b) mod 2^r.
// Backward/decode: push u_t back (undoing the encoder's pop).
// After either forward half a particle chunk pass computes every particle's latent from u_t.
using Engine.Components;
using Engine.Ecs;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Codes the coupled uniform of step t and derives all particles from it.</summary>
internal sealed class CoupledInverseCdfSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "CoupledInverseCdf")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, lanes = c.B, k = c.K;
        uint mask = (1u << c.R) - 1;
        Span<uint> u = c.U.AsSpan(t * lanes, lanes);
        switch (phase, c.Decoding)
        {
            case (CodingPhase.Forward, false):
                c.Rans.PeekCf(lo, hi, c.R, u);
                c.Rans.Commit(lo, hi, u, c.Ones, c.R);
                ComputeParticles(lo, hi);
                break;
            case (CodingPhase.Backward, false):
                for (int b = lo; b < hi; b++)
                {
                    int idx = c.X[t * lanes + b] * k + c.ZLin[t * lanes + b];
                    uint position = (u[b] + c.ShiftR[c.Lineage[t * lanes + b]]) & mask;
                    c.Values[b] = position - c.Proposal.Start[idx];
                    c.Ns[b] = c.Proposal.Freq[idx];
                }
                c.Rans.PushUniform(lo, hi, c.Values, c.Ns);
                break;
            case (CodingPhase.Forward, true):
                for (int b = lo; b < hi; b++) c.Ns[b] = c.Proposal.Freq[c.X[t * lanes + b] * k + c.ZLin[t * lanes + b]];
                c.Rans.PopUniform(lo, hi, c.Ns, c.Values);
                for (int b = lo; b < hi; b++)
                {
                    int idx = c.X[t * lanes + b] * k + c.ZLin[t * lanes + b];
                    u[b] = (c.Proposal.Start[idx] + c.Values[b] - c.ShiftR[c.Lineage[t * lanes + b]]) & mask;
                }
                ComputeParticles(lo, hi);
                break;
            default:
                c.Rans.Push(lo, hi, u, c.Ones, c.R);
                break;
        }
    }

    /// <summary>Chunk pass over chains [lo, hi): CoupledUniform = op_i(u_t), Latent[t] = F_q^{-1}(that), gathered into Z.</summary>
    private void ComputeParticles(int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, w = c.T, lanes = c.B, touched = 0;
        uint mask = (1u << c.R) - 1;
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<CoupledUniform> position = chunk.GetSpan<CoupledUniform>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                touched++;
                uint p = (c.U[t * lanes + b] + c.ShiftR[i]) & mask;
                int z = c.Proposal.Lookup(c.X[t * lanes + b], p);
                position[r] = new CoupledUniform(p);
                latent[r * w + t] = new Latent(z);
                c.Z[c.ZIndex(t, i, b)] = z;
            }
        }
        AddEntities(touched);
    }
}
