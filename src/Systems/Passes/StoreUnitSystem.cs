// StoreUnitSystem: closes a decode unit step by writing each active lane's decoded symbols to its place
// in the output (the chain's cursor names the unit; the symbols are its chain-steps' Observed components).
using Engine.Components;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Writes the decoded unit of every active lane to the output.</summary>
internal sealed class StoreUnitSystem(CoderContext context) : CoderSystem(context, "StoreUnit")
{
    protected override void Run(int unitStep) => ForChains(Ctx.ActiveLanes);

    protected override void RunRange(int worker, int lo, int hi)
    {
        CoderContext c = Ctx;
        Span<int> x = c.X;
        Span<ChainCursor> cursors = c.Cursors;
        for (int b = lo; b < hi; b++)
        {
            int offset = cursors[b].Unit * c.T * c.W;
            for (int t = 0; t < c.T; t++)
                for (int w = 0; w < c.W; w++) c.Data[offset + t * c.W + w] = (byte)x[(w * c.T + t) * c.B + b];
        }
        AddEntities(hi - lo);
    }
}
