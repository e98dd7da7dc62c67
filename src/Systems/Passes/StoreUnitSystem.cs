// StoreUnitSystem: closes a decode unit step by writing each active lane's decoded symbols to its place
// in the output and to the chains' Observed components.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Writes the decoded unit of every active lane to the output.</summary>
internal sealed class StoreUnitSystem(CoderContext context) : CoderSystem(context, "StoreUnit")
{
    protected override void Run(int unitStep) => ForChains(Ctx.B);

    /// <summary>Chains [lo, hi) of all B: the inactive ones only get their cursor cleared.</summary>
    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        int activeHi = Math.Min(hi, c.ActiveLanes);
        for (int b = lo; b < activeHi; b++)
        {
            int symbols = c.T * c.W, offset = c.UnitOfLane[b] * symbols;
            for (int s = 0; s < symbols; s++) c.Data[offset + s] = (byte)c.X[s * c.B + b];
        }
        AddEntities(Scatter.Observations(c, lo, hi));
        Scatter.ChainPaths(c, lo, activeHi);
    }
}
