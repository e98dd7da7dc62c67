// SystematicResampleSystem (step t >= 1): BB-CSMC's coupled systematic resampling. One uniform v on 2^p
// values per resampling lane places all N points pos_i = (v + ⌊i 2^p / N⌋) mod 2^p in the cumulative
// range of W_{t-1}; ancestor A^i is the slot whose bucket holds pos_i (each slot k gets N W_k / 2^p
// offspring in expectation, so the estimator stays unbiased).
// Forward/encode: pop v.  Backward/encode: push the residual σ = pos_{b_t} - C(b_{t-1}) of the lineage's
//   point inside its ancestor's bucket with Uniform(W(b_{t-1})).
// Forward/decode: pop σ (b_t and b_{t-1} are known), recover v = (C(b_{t-1}) + σ - shift_{b_t}) mod 2^p.
// Backward/decode: push v back. Lanes that did not resample code nothing and keep identity ancestors.
// The ancestors of all N particles come from the backend's systematic resampler (a kernel on a GPU).
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Codes the systematic-resampling uniform of step t and derives all ancestors from it.</summary>
internal sealed class SystematicResampleSystem(CoderContext context, int step, CodingPhase phase) : CoderSystem(context, "SystematicResample")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<byte> resampled = Ctx.Resampled;
        Span<int> lineage = Ctx.Lineage;
        Span<uint> cdf = Ctx.WCdf;
        int t = step, lanes = c.B;
        uint mask = (1u << c.P) - 1;
        Span<uint> v = c.V.Slice((t - 1) * lanes, lanes);
        for (int b = lo; b < hi; b++) c.Mask[b] = resampled[(t - 1) * lanes + b];
        switch (phase, c.Decoding)
        {
            case (CodingPhase.Forward, false):
                c.Rans.PeekCf(lo, hi, c.P, c.Cf);
                for (int b = lo; b < hi; b++) v[b] = c.Mask[b] != 0 ? c.Cf[b] : 0;
                c.Rans.CommitMasked(c.Mask, lo, hi, v, c.Ones, c.P);
                ComputeAncestors(lo, hi);
                break;
            case (CodingPhase.Backward, false):
                for (int b = lo; b < hi; b++)
                {
                    c.Ns[b] = 1;
                    c.Values[b] = 0;
                    if (c.Mask[b] == 0) continue;
                    int row = c.WRow(t - 1, b) + lineage[(t - 1) * lanes + b];
                    uint position = (v[b] + c.ShiftP[lineage[t * lanes + b]]) & mask;
                    c.Values[b] = position - cdf[row];
                    c.Ns[b] = cdf[row + 1] - cdf[row];
                }
                c.Rans.PushUniform(lo, hi, c.Values, c.Ns);
                break;
            case (CodingPhase.Forward, true):
                for (int b = lo; b < hi; b++)
                {
                    int row = c.WRow(t - 1, b) + lineage[(t - 1) * lanes + b];
                    c.Ns[b] = c.Mask[b] != 0 ? cdf[row + 1] - cdf[row] : 1;
                }
                c.Rans.PopUniform(lo, hi, c.Ns, c.Values);
                for (int b = lo; b < hi; b++)
                {
                    if (c.Mask[b] == 0) { v[b] = 0; continue; }
                    int row = c.WRow(t - 1, b) + lineage[(t - 1) * lanes + b];
                    v[b] = (cdf[row] + c.Values[b] - c.ShiftP[lineage[t * lanes + b]]) & mask;
                }
                ComputeAncestors(lo, hi);
                break;
            default:
                c.Rans.PushMasked(c.Mask, lo, hi, v, c.Ones, c.P);
                break;
        }
    }

    /// <summary>Ancestors of every particle of chains [lo, hi): the slot of W_{t-1} holding op_i(v) (the backend's systematic
    /// resampler; identity on lanes that did not resample), then into the Ancestor components.</summary>
    private void ComputeAncestors(int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> anc = Ctx.Anc;
        int t = step, n = c.N;
        for (int b = lo; b < hi; b++)
            if (c.Mask[b] == 0)
                for (int i = 0; i < n; i++) anc[c.AIndex(t, i, b)] = i;
        c.Rans.Backend.ResampleSystematic(c.WCdf.Slice(c.WRow(t - 1, lo), (hi - lo) * (n + 1)), n, c.P, c.V.Slice((t - 1) * c.B + lo, hi - lo),
            c.ShiftP, c.B, c.Anc.Slice(c.AIndex(t, 0, lo)), c.Mask.AsSpan(lo, hi - lo));
        AddEntities((hi - lo) * c.N);
    }
}
