// LatentCoupledSystem: BB-CIS particles for an L-dimensional latent. One uniform u_l on 2^r values per
// latent dimension and lane; particle i's bucket in dimension l is F_q^{-1}(op_i(u_l)) with
// op_i(u) = (u + ⌊i 2^r / N⌋) mod 2^r (CoupledPoints; op_0 = identity), searched in the lane's integer
// proposal row, so each particle is marginally q-distributed while all N share one draw per dimension.
// Forward/encode: pop u_l for l = 0..L-1 with the exact Uniform(2^r) code whose symbol order is the fixed
//   permutation VaeTables.UniformScramble (cf -> u; see there why the order is not the identity).
// Backward/encode: for l = 0..L-1 push the residual ρ_l = op_j(u_l) - start_q(z_{j,l}) of the selected
//   particle inside its bucket with an exact Uniform(freq_q(z_{j,l})) (any size, DESIGN §3).
// Forward/decode: pop ρ_l for l = L-1..0 (z_j is known), recover u_l = (start + ρ_l - shift_j) mod 2^r.
// Backward/decode: push u_l for l = L-1..0 at start UniformUnscramble[u_l] (undoing the encoder's pops).
// After either forward half a particle chunk pass computes every particle's positions and latents.
using Engine.Ans.Quantization;
using Engine.Components;
using Engine.Ecs;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Codes the coupled uniforms and derives all particles from them.</summary>
internal sealed class LatentCoupledSystem(VaeContext context, CodingPhase phase) : VaeSystem(context, "CoupledInverseCdf")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, lanes = c.B;
        if (a == 0) return;
        uint mask = (1u << c.R) - 1;
        ushort[] scramble = VaeTables.UniformScramble, unscramble = VaeTables.UniformUnscramble;
        switch (phase, c.Decoding)
        {
            case (CodingPhase.Forward, false):
                for (int l = 0; l < c.L; l++)
                {
                    c.Rans.PeekCf(a, c.R, c.Cf);
                    for (int b = 0; b < a; b++) c.U[l * lanes + b] = scramble[c.Cf[b]];
                    c.Rans.Commit(a, c.Cf, c.Ones, c.R);
                }
                ComputeParticles();
                break;
            case (CodingPhase.Backward, false):
                for (int l = 0; l < c.L; l++)
                {
                    for (int b = 0; b < a; b++)
                    {
                        ReadOnlySpan<uint> row = c.QRow(b, l);
                        int z = c.ZLin[l * lanes + b];
                        uint position = (c.U[l * lanes + b] + c.ShiftR[c.Lineage[b]]) & mask;
                        c.Values[b] = position - row[z];
                        c.Ns[b] = row[z + 1] - row[z];
                    }
                    c.Rans.PushUniform(a, c.Values, c.Ns);
                }
                break;
            case (CodingPhase.Forward, true):
                for (int l = c.L - 1; l >= 0; l--)
                {
                    for (int b = 0; b < a; b++)
                    {
                        ReadOnlySpan<uint> row = c.QRow(b, l);
                        int z = c.ZLin[l * lanes + b];
                        c.Ns[b] = row[z + 1] - row[z];
                    }
                    c.Rans.PopUniform(a, c.Ns, c.Values);
                    for (int b = 0; b < a; b++)
                    {
                        uint start = c.QRow(b, l)[c.ZLin[l * lanes + b]];
                        c.U[l * lanes + b] = (start + c.Values[b] - c.ShiftR[c.Lineage[b]]) & mask;
                    }
                }
                ComputeParticles();
                break;
            default:
                for (int l = c.L - 1; l >= 0; l--)
                {
                    for (int b = 0; b < a; b++) c.Starts[b] = unscramble[c.U[l * lanes + b]];
                    c.Rans.Push(a, c.Starts, c.Ones, c.R);
                }
                break;
        }
    }

    /// <summary>Chunk pass: CoupledUniform[l] = op_i(u_l), Latent[l] = F_q^{-1}(that), gathered into Z.</summary>
    private void ComputeParticles()
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, w = c.L, lanes = c.B;
        uint mask = (1u << c.R) - 1;
        foreach (Chunk chunk in c.Particles)
        {
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<CoupledUniform> position = chunk.GetVectorSpan<CoupledUniform>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b >= a) continue;
                for (int l = 0; l < w; l++)
                {
                    uint p = (c.U[l * lanes + b] + c.ShiftR[i]) & mask;
                    int z = CumulativeTable.FindSymbol(c.QRow(b, l), p);
                    position[r * w + l] = new CoupledUniform(p);
                    latent[r * w + l] = new Latent(z);
                    c.Z[c.ZIndex(i, l, b)] = z;
                }
            }
        }
    }
}
