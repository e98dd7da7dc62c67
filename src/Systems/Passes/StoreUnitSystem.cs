// StoreUnitSystem: closes a decode unit step by writing each active lane's decoded symbols to its place
// in the output and to the chains' Observed components.
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Writes the decoded unit of every active lane to the output.</summary>
internal sealed class StoreUnitSystem(CoderContext context) : CoderSystem(context, "StoreUnit")
{
    protected override void Run(int unitStep)
    {
        CoderContext c = Ctx;
        for (int b = 0; b < c.ActiveLanes; b++)
        {
            int offset = c.UnitOfLane[b] * c.T;
            for (int t = 0; t < c.T; t++) c.Data[offset + t] = (byte)c.X[t * c.B + b];
        }
        Scatter.Observations(c);
        Scatter.ChainPaths(c);
    }
}
