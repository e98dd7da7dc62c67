// ForwardLayerSystem: the level above a layer under the local Gaussian of the forward map,
// z_{l+1,i} ~ N(z_l,i e^lambda_i + mu_i, sigma^2). Stage-1 coefficients read the stage-0 outputs, so the decoder pops the
// stage-0 coordinates first, then asks for stage 1 and pops the rest; the encoder pushes in the mirror order (stage 1,
// then stage 0).
namespace Engine.Systems.Flows;

/// <summary>Pushes (encode) or pops (decode) level l + 1 given level l and u_l.</summary>
internal sealed class ForwardLayerSystem(FlowContext context, int layer) : FlowSystem(context, $"ForwardLayer[{layer}]")
{
    protected override void Encode(int unitStep)
    {
        Ctx.LoadIndex(layer);
        Ctx.Coefficients(layer, 0);
        Ctx.Coefficients(layer, 1);
        Push(1);
        Push(0);
        // The layer's log |det J| = sum of log scales, at the coder's own values.
        if (Ctx.OwnFromWeights) return;
        for (int b = 0; b < Ctx.ActiveLanes; b++)
            for (int i = 0; i < Ctx.D; i++) Ctx.UnitNats[b] += Math.Clamp(Ctx.LogScale[b * Ctx.D + i], -FlowContext.MaxLogScale, FlowContext.MaxLogScale);
    }

    protected override void Decode(int unitStep)
    {
        Ctx.LoadIndex(layer);
        Ctx.Coefficients(layer, 0);
        Pop(0);
        Ctx.Coefficients(layer, 1);
        Pop(1);
    }

    private void Push(int stage)
    {
        ReadOnlySpan<byte> stages = Ctx.Shape.Stages(layer);
        for (int i = 0; i < Ctx.D; i++)
        {
            if (stages[i] != stage) continue;
            Ctx.ForwardGaussian(layer, i);
            Ctx.PushGaussian(Ctx.Level(layer + 1, i));
        }
    }

    private void Pop(int stage)
    {
        ReadOnlySpan<byte> stages = Ctx.Shape.Stages(layer);
        for (int i = Ctx.D - 1; i >= 0; i--)
        {
            if (stages[i] != stage) continue;
            Ctx.ForwardGaussian(layer, i);
            Ctx.PopGaussian(Ctx.Level(layer + 1, i));
        }
    }
}
