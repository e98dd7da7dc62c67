// ModelSystem: codes the data and the special latent path with the model p(x, z).
// Backward (encode, last): for t = T-1 .. 0 push x_t,w for w = 0..W-1 with p(x_t,w | z_t), then z_t,l for
// l in the coding order (0..L-1 unless the model gives one) with p(z_t,l | z_{t-1}) (the prior at t = 0), where z is
// the traced lineage.
// Forward (decode, first) pops in the mirror order t = 0 .. T-1: z_t,l in reverse coding order (the generative
// order: a prior query reads the dimensions popped before it) from the prior / transition rows, then x_t,w for
// w = W-1..0 from the likelihood rows of z_t.
// A session with ILikelihoodRows gives a step's rows of every position in one call (the same rows).
// Model session hooks: encoding, the likelihood queries name each lane's lineage slot in the batch the
// reweight pass prepared for step t (AIS prepares none: its queries carry only latents); decoding, each
// chain range hands z_t^lin to the session as a one-particle batch before popping x_t (PrepareLineage) and
// x_t once popped (Observe), since the proposal passes that follow need it.
using Engine.Modeling;
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
                ReadOnlySpan<int> slots = c.Annealed ? default : c.Lineage[(t * lanes + lo)..];
                LaneColumns state = c.LineageStatesAfter(t - 1, lo);
                if (c.BatchLikelihoodRows)
                {
                    QuantizedRows pixels = c.LikelihoodTables(t, lo, hi, c.LineageLatents(t, lo), slots, state);
                    for (int w = 0; w < c.W; w++) Push(pixels, c.AllLikelihoodRows.AsSpan(w * lanes, lanes), c.XAt(t, w), lo, hi);
                }
                else
                {
                    for (int w = 0; w < c.W; w++)
                        Push(c.LikelihoodTable(t, w, lo, hi, c.LineageLatents(t, lo), slots, state), c.LikelihoodRows, c.XAt(t, w), lo, hi);
                }
                for (int d = 0; d < c.L; d++)
                {
                    int l = c.Order[d];
                    Push(c.PriorTable(t, l, lo, hi, Previous(t, lo), state, c.LineageLatents(t, lo)), c.PriorRows, c.ZLinAt(t, l), lo, hi);
                }
            }
            return;
        }
        for (int t = 0; t < c.T; t++)
        {
            LaneColumns state = c.LineageStatesAfter(t - 1, lo);
            for (int d = c.L - 1; d >= 0; d--)
            {
                int l = c.Order[d];
                Pop(c.PriorTable(t, l, lo, hi, Previous(t, lo), state, c.LineageLatents(t, lo)), c.PriorRows, c.ZLinAt(t, l), lo, hi);
            }
            c.PrepareLineage(t, lo, hi);
            if (c.BatchLikelihoodRows)
            {
                // The rows depend on z_t only, not on x_t: all of them first, then the pops.
                QuantizedRows pixels = c.LikelihoodTables(t, lo, hi, c.LineageLatents(t, lo), c.FirstSlots.AsSpan(lo), state);
                for (int w = c.W - 1; w >= 0; w--) Pop(pixels, c.AllLikelihoodRows.AsSpan(w * lanes, lanes), c.XAt(t, w), lo, hi);
            }
            else
            {
                for (int w = c.W - 1; w >= 0; w--)
                    Pop(c.LikelihoodTable(t, w, lo, hi, c.LineageLatents(t, lo), c.FirstSlots.AsSpan(lo), state), c.LikelihoodRows, c.XAt(t, w), lo, hi);
            }
            c.ObserveStep(t, lo, hi);
            if (c.StateWords > 0 && t < c.T - 1) AdvanceLineage(t, lo, hi);
        }
    }

    /// <summary>Pushes values[b] with row rows[b] of <paramref name="table"/> on lanes [lo, hi).</summary>
    private void Push(QuantizedRows table, ReadOnlySpan<int> rows, ReadOnlySpan<int> values, int lo, int hi)
        => Ctx.Rans.PushSymbols(lo, hi, table.Table(), rows, values);

    /// <summary>Pops values[b] with row rows[b] of <paramref name="table"/> on lanes [lo, hi) (the backend's integer CDF search).</summary>
    private void Pop(QuantizedRows table, ReadOnlySpan<int> rows, Span<int> values, int lo, int hi)
        => Ctx.Rans.PopSymbols(lo, hi, table.Table(), rows, values);

    /// <summary>Decode: the lineage's state after step t, from its own s_{t-1}, z_t^lin and x_t, in the batch shape the StateSystem
    /// uses (one particle per chain), so the model computes what the encoder's particles held.</summary>
    private void AdvanceLineage(int t, int lo, int hi)
    {
        CoderContext c = Ctx;
        int stride = c.StepDimStride;
        Span<int> states = c.LineageStates;
        ReadOnlySpan<int> parents = t > 0 ? states[c.UIndex(t - 1, 0, lo)..] : default;
        var batch = new StateBatch(t, lo, hi - lo, 1, c.StepObservations(t, lo), c.ZLin[c.UIndex(t, 0, lo)..], c.B, stride,
            parents, stride, states[c.UIndex(t, 0, lo)..], c.B, stride);
        c.Session.AdvanceState(batch);
    }

    /// <summary>The lineage's latents at step t - 1 (none at t = 0).</summary>
    private LaneColumns Previous(int t, int lo) => t == 0 ? default : Ctx.LineageLatents(t - 1, lo);
}
