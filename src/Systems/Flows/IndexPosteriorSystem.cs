// IndexPosteriorSystem: u_l under q(u_l | z_{l+1}). Encode pops it (the layer's first pass: bits back); decode pushes it
// back (the layer's last).
namespace Engine.Systems.Flows;

/// <summary>Pops (encode) or pushes (decode) a layer's index with the model's q(u_l | z_{l+1}).</summary>
internal sealed class IndexPosteriorSystem(FlowContext context, int layer) : FlowSystem(context, $"IndexPosterior[{layer}]")
{
    protected override void Encode(int unitStep)
    {
        Ask();
        for (int j = Ctx.U - 1; j >= 0; j--)
        {
            Ctx.IndexGaussian(j);
            Ctx.PopGaussian(Ctx.Index(layer, j));
            Ctx.AddLogDensity(+1, Ctx.Index(layer, j), Ctx.IndexStep, Ctx.IndexMean, Ctx.IndexLogStd, j, Ctx.U);
        }
    }

    protected override void Decode(int unitStep)
    {
        Ask();
        for (int j = 0; j < Ctx.U; j++)
        {
            Ctx.IndexGaussian(j);
            Ctx.PushGaussian(Ctx.Index(layer, j));
        }
    }

    private void Ask()
    {
        FlowContext c = Ctx;
        c.LoadLevel(layer + 1, c.Rows);
        int n = c.ActiveLanes;
        c.Session.IndexPosterior(layer, c.Rows.AsSpan(0, n * c.D), n, c.IndexMean.AsSpan(0, n * c.U), c.IndexLogStd.AsSpan(0, n * c.U));
    }
}
