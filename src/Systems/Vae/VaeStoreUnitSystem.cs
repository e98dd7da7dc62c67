// VaeStoreUnitSystem: closes a decode unit step by copying each active lane's decoded image to its place
// in the output.
namespace Engine.Systems.Vae;

/// <summary>Writes the decoded image of every active lane to the output.</summary>
internal sealed class VaeStoreUnitSystem(VaeContext context) : VaeSystem(context, "StoreUnit")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        for (int b = 0; b < c.ActiveLanes; b++)
            c.X.AsSpan(b * c.D, c.D).CopyTo(c.Data.AsSpan(c.UnitOfLane[b] * c.D, c.D));
    }
}
