// VaeBeginUnitSystem: opens a unit step (one image per chain). Lanes whose run still has an image at this
// step form the prefix [0, ActiveLanes) (runs are non-increasing in length); each codes image
// UnitCount - 1 - s of its run, so the encoder walks its run backwards and the decoder, running s
// downwards, emits it forwards. Encode copies the images into X; both update the chains' cursors.
using Engine.Components;
using Engine.Ecs;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Selects the active lanes of a unit step and (encode) loads their images.</summary>
internal sealed class VaeBeginUnitSystem(VaeContext context) : VaeSystem(context, "BeginUnit")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int active = 0;
        for (int b = 0; b < c.B; b++)
        {
            if (c.UnitCount[b] > unitStep)
            {
                active = b + 1;
                c.UnitOfLane[b] = c.FirstUnit[b] + c.UnitCount[b] - 1 - unitStep;
            }
            else
            {
                c.UnitOfLane[b] = -1;
            }
        }
        c.ActiveLanes = active;
        foreach (Chunk chunk in c.Chains)
        {
            Span<ChainId> id = chunk.GetSpan<ChainId>();
            Span<ChainCursor> cursor = chunk.GetSpan<ChainCursor>();
            for (int r = 0; r < id.Length; r++)
            {
                int b = id[r].Lane;
                cursor[r] = cursor[r] with { Current = b < active ? c.UnitOfLane[b] - c.FirstUnit[b] : -1 };
            }
        }
        if (c.Decoding) return;
        for (int b = 0; b < active; b++)
            c.Data.AsSpan(c.UnitOfLane[b] * c.D, c.D).CopyTo(c.X.AsSpan(b * c.D, c.D));
    }
}
