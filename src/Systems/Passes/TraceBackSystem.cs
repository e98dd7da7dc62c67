// TraceBackSystem (encode): follows the selected particle j back through the ancestors to find the
// lineage b_{T-1} = j, b_{t-1} = A_t^{b_t} (or b_t where the lane did not resample), and copies the
// lineage's latents into ZLin (and, for a model with state, its states into LineageState) for the model pass.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Traces the special lineage back from j.</summary>
internal sealed class TraceBackSystem(CoderContext context) : CoderSystem(context, "TraceBack")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int lanes = c.B;
        Span<int> lineage = c.Lineage, zLin = c.ZLin, z = c.Z, anc = c.Anc, states = c.States, lineageStates = c.LineageStates;
        Span<byte> resampled = c.Resampled;
        for (int b = lo; b < hi; b++)
        {
            int slot = lineage[(c.T - 1) * lanes + b];
            for (int t = c.T - 1; t >= 0; t--)
            {
                lineage[t * lanes + b] = slot;
                for (int l = 0; l < c.L; l++) zLin[c.UIndex(t, l, b)] = z[c.ZIndex(t, slot, l, b)];
                if (t < c.T - 1)
                    for (int k = 0; k < c.StateWords; k++) lineageStates[c.UIndex(t, k, b)] = states[c.StateIndex(t, slot, k, b)];
                if (t > 0) slot = c.Parent(anc, resampled, t, slot, b);
            }
        }
        AddEntities((hi - lo) * c.T);
    }
}
