// CoupledInverseCdfSystem (step t): BB-CIS / BB-CSMC particles. One uniform u_{t,l} on 2^r values per lane
// and latent dimension; particle i is z^i_l = F_q^{-1}(op_i(u_{t,l})) with op_i(u) = (u + ⌊π(i) 2^r / N⌋) mod 2^r,
// π(i) = i g mod N a fixed slot permutation (CoderContext.SlotSpread; π(0) = 0; the identity when the run's
// CouplingScheme does not spread slots), a bijection for each i (op_0 = identity), so each particle is
// marginally q-distributed while all N share one draw. F_q is the proposal row the model gives the particle
// (its own parent's latent where the proposal reads it).
// Forward/encode: pop u_{t,l} for l = 0..L-1 (a cf at precision r with freq 1; u = cf, or Scramble[cf] when the
//   scheme scrambles uniforms).
// Backward/encode: push the residual ρ = op_b(u) - start_q(z^b_l) of the lineage particle b = b_t inside its
//   bucket with an exact Uniform(freq_q(z^b_l)) (any freq, not only powers of two), for l = L-1..0
//   (l = 0..L-1 when the scheme says ResidualsAscending).
// Forward/decode: pop ρ in the mirror order (z^b = z_t^lin is known), recover u = (start_q(z^b_l) + ρ - shift_b) mod 2^r.
// Shifts are per dimension (CoderContext.ShiftsOf(l)): the same row for every l, or each dimension's own slot
// permutation when the coupling scheme says PerDimensionShifts.
// Backward/decode: push u_{t,l} back for l = L-1..0 at start u (Unscramble[u] when scrambled), undoing the encoder's pops.
// Where the scheme whitens draws (VAE, format 5) the encoder mixes the heads before each raw pop of u and the decoder
// unmixes them after each push back.
// After either forward half every particle's latent is computed from the uniforms by the backend's coupled inverse
// CDF (a kernel per call on a GPU).
using Engine.Modeling;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Codes the coupled uniforms of step t and derives all particles from them.</summary>
internal sealed class CoupledInverseCdfSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "CoupledInverseCdf")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, lanes = c.B, k = c.K;
        uint mask = (1u << c.R) - 1;
        bool scramble = c.Coupling.ScrambleUniforms, ascending = c.Coupling.ResidualsAscending;
        Span<int> zLin = c.ZLin;
        switch (phase, c.Decoding)
        {
            case (CodingPhase.Forward, false):
                for (int l = 0; l < c.L; l++)
                {
                    Span<uint> u = Uniforms(l);
                    if (scramble)
                    {
                        ushort[] forward = CouplingScheme.UniformScramble;
                        c.Rans.PeekCf(lo, hi, c.R, c.Cf);
                        for (int b = lo; b < hi; b++) u[b] = forward[c.Cf[b]];
                        c.Rans.Commit(lo, hi, c.Cf, c.Ones, c.R);
                        continue;
                    }
                    c.MixBeforeDraw(lo, hi);
                    c.Rans.PeekCf(lo, hi, c.R, u);
                    c.Rans.Commit(lo, hi, u, c.Ones, c.R);
                }
                ComputeParticles(worker, lo, hi);
                break;
            case (CodingPhase.Backward, false):
                SelectLineage(lo, hi);
                for (int m = 0; m < c.L; m++)
                {
                    int l = ascending ? m : c.L - 1 - m;
                    Span<uint> u = Uniforms(l);
                    QuantizedRows q = c.ProposalTable(t, l, lo, hi, c.LineageLatents(t, lo));
                    Span<uint> shifts = c.ShiftsOf(l);
                    for (int b = lo; b < hi; b++)
                    {
                        int at = c.Rows[b] * k + zLin[c.UIndex(t, l, b)];
                        uint position = (u[b] + shifts[c.Slots[b]]) & mask;
                        c.Values[b] = position - q.Start[at];
                        c.Ns[b] = q.Freq[at];
                    }
                    c.Rans.PushUniform(lo, hi, c.Values, c.Ns);
                }
                break;
            case (CodingPhase.Forward, true):
                SelectLineage(lo, hi);
                for (int m = 0; m < c.L; m++)
                {
                    int l = ascending ? c.L - 1 - m : m;
                    Span<uint> u = Uniforms(l);
                    QuantizedRows q = c.ProposalTable(t, l, lo, hi, c.LineageLatents(t, lo));
                    for (int b = lo; b < hi; b++) c.Ns[b] = q.Freq[c.Rows[b] * k + zLin[c.UIndex(t, l, b)]];
                    c.Rans.PopUniform(lo, hi, c.Ns, c.Values);
                    Span<uint> shifts = c.ShiftsOf(l);
                    for (int b = lo; b < hi; b++)
                    {
                        int at = c.Rows[b] * k + zLin[c.UIndex(t, l, b)];
                        u[b] = (q.Start[at] + c.Values[b] - shifts[c.Slots[b]]) & mask;
                    }
                }
                ComputeParticles(worker, lo, hi);
                break;
            default:
                for (int l = c.L - 1; l >= 0; l--)
                {
                    if (!scramble)
                    {
                        c.Rans.Push(lo, hi, Uniforms(l), c.Ones, c.R);
                        c.UnmixAfterDraw(lo, hi);
                        continue;
                    }
                    ushort[] inverse = CouplingScheme.UniformUnscramble;
                    Span<uint> u = Uniforms(l);
                    for (int b = lo; b < hi; b++) c.Starts[b] = inverse[u[b]];
                    c.Rans.Push(lo, hi, c.Starts, c.Ones, c.R);
                }
                break;
        }
    }

    /// <summary>u_{t,l} of every lane (this step's chain-step CoupledUniform column l).</summary>
    private Span<uint> Uniforms(int l) => Ctx.U.Slice(Ctx.UIndex(step, l, 0), Ctx.B);

    /// <summary>Slots[b] = the lineage slot b_t (with its parents where the proposal reads them).</summary>
    private void SelectLineage(int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> lineage = c.Lineage;
        for (int b = lo; b < hi; b++) c.Slots[b] = lineage[step * c.B + b];
        if (c.ProposalNeedsParents(step)) c.PrepareParents(step, lo, hi);
    }

    /// <summary>Every particle's latents on chains [lo, hi): z^i_l = F_q^{-1}(op_i(u_{t,l})), into their Latent components, by the
    /// backend's coupled inverse CDF: one call per dimension for all slots when the proposal is slot-free, else one per slot
    /// and dimension, dimensions in the coding order (each slot's rows come from its own parent, and with a latent order from the
    /// slot's dimensions computed before).</summary>
    private void ComputeParticles(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int t = step, chains = hi - lo;
        Gpu.IRansBackend backend = c.Rans.Backend;
        Span<int> z = c.Z;
        if (c.ProposalSlotFree(t))
        {
            c.ProposalTables(worker, t, lo, hi);
            for (int l = 0; l < c.L; l++)
                backend.CoupledInverseCdf(c.ProposalByDim[worker * c.L + l].Table(), c.ProposalRowsByDim.AsSpan(l * c.B + lo, chains), 0,
                    Uniforms(l)[lo..hi], c.ShiftsOf(l), c.B, z[c.ZIndex(t, 0, l, lo)..]);
            AddEntities(chains * c.N);
            return;
        }
        for (int i = 0; i < c.N; i++)
        {
            for (int b = lo; b < hi; b++) c.Slots[b] = i;
            if (c.ProposalNeedsParents(t)) c.PrepareParents(t, lo, hi);
            for (int d = 0; d < c.L; d++)
            {
                int l = c.Order[d];
                QuantizedRows q = c.ProposalTable(t, l, lo, hi, c.ParticleLatents(t, i, lo));
                backend.CoupledInverseCdf(q.Table(), c.Rows.AsSpan(lo, chains), 0, Uniforms(l)[lo..hi], c.ShiftsOf(l).Slice(i, 1), c.B,
                    z[c.ZIndex(t, i, l, lo)..]);
            }
        }
        AddEntities(chains * c.N);
    }
}
