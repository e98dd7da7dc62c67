// IndexPriorSystem: u_l under p(u_l | z_l). Encode pushes it (after the layer's level above); decode pops it (before).
namespace Engine.Systems.Flows;

/// <summary>Pushes (encode) or pops (decode) a layer's index with the model's p(u_l | z_l).</summary>
internal sealed class IndexPriorSystem(FlowContext context, int layer) : FlowSystem(context, $"IndexPrior[{layer}]")
{
    protected override void Encode(int unitStep)
    {
        Ask();
        for (int j = 0; j < Ctx.U; j++)
        {
            Ctx.IndexGaussian(j);
            Ctx.PushGaussian(Ctx.Index(layer, j));
            Ctx.AddLogDensity(-1, Ctx.Index(layer, j), Ctx.IndexStep, Ctx.IndexMean, Ctx.IndexLogStd, j, Ctx.U);
        }
    }

    protected override void Decode(int unitStep)
    {
        Ask();
        for (int j = Ctx.U - 1; j >= 0; j--)
        {
            Ctx.IndexGaussian(j);
            Ctx.PopGaussian(Ctx.Index(layer, j));
        }
    }

    private void Ask()
    {
        FlowContext c = Ctx;
        c.LoadLevel(layer, c.Rows);
        int n = c.ActiveLanes;
        c.Session.IndexPrior(layer, c.Rows.AsSpan(0, n * c.D), n, c.IndexMean.AsSpan(0, n * c.U), c.IndexLogStd.AsSpan(0, n * c.U));
    }
}
