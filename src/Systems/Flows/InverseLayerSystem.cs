// InverseLayerSystem: the level below a layer under the local Gaussian of the inverse map,
// z_l,i ~ N((z_{l+1,i} - mu_i) e^-lambda_i, (sigma e^-lambda_i)^2), coordinate by coordinate (the layer is elementwise
// given u_l and its stage-0 outputs, so this is the triangular factorisation of N(F^-1(z_{l+1}), sigma^2 J J^T)). Both
// stages' coefficients come from u_l and z_{l+1}, which both directions know here. Encode pops z_l (bits back); decode
// pushes it back.
namespace Engine.Systems.Flows;

/// <summary>Pops (encode) or pushes (decode) level l given level l + 1 and u_l.</summary>
internal sealed class InverseLayerSystem(FlowContext context, int layer) : FlowSystem(context, $"InverseLayer[{layer}]")
{
    protected override void Encode(int unitStep)
    {
        Prepare();
        for (int i = Ctx.D - 1; i >= 0; i--)
        {
            Ctx.InverseGaussian(layer, i);
            Ctx.PopGaussian(Ctx.Level(layer, i));
        }
    }

    protected override void Decode(int unitStep)
    {
        Prepare();
        for (int i = 0; i < Ctx.D; i++)
        {
            Ctx.InverseGaussian(layer, i);
            Ctx.PushGaussian(Ctx.Level(layer, i));
        }
    }

    // Stage 0 writes its coordinates of LogScale/Shift, stage 1 the rest: one pass of both fills every coordinate.
    private void Prepare()
    {
        Ctx.LoadIndex(layer);
        Ctx.Coefficients(layer, 0);
        Ctx.Coefficients(layer, 1);
    }
}
