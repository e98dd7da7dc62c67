// BasePriorSystem: z_0 under the base distribution N(0, I), on the latent grid. Encode pushes it (the last pass);
// decode pops it (the first).
namespace Engine.Systems.Flows;

/// <summary>Pushes (encode) or pops (decode) the bottom level z_0 with N(0, I).</summary>
internal sealed class BasePriorSystem(FlowContext context) : FlowSystem(context, "BasePrior")
{
    protected override void Encode(int unitStep)
    {
        for (int i = 0; i < Ctx.D; i++)
        {
            Fill();
            Ctx.PushGaussian(Ctx.Level(0, i));
            Ctx.AddLogDensity(-1, Ctx.Level(0, i), Math.ScaleB(1.0, -Ctx.LevelBits(0)), default, default, 0, 1);
        }
        Ctx.FinishUnitEstimate();
    }

    protected override void Decode(int unitStep)
    {
        for (int i = Ctx.D - 1; i >= 0; i--)
        {
            Fill();
            Ctx.PopGaussian(Ctx.Level(0, i));
        }
    }

    private void Fill()
    {
        double std = Math.ScaleB(1.0, Ctx.LevelBits(0));
        Array.Clear(Ctx.Means, 0, Ctx.ActiveLanes);
        Array.Fill(Ctx.Stds, std, 0, Ctx.ActiveLanes);
    }
}
