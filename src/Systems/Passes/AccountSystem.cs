// AccountSystem: closes every unit step by writing each chain's bit account (docs/architecture.md#bit-accounting: total =
// 32 |tail| + log2 head, initial = log2 initial head + 32 per seeded word drawn) into its ChainBits
// component, so an embedding engine can watch a chain's cost grow (or, decoding, shrink back to its
// initial bits) while it runs. Reporting only: doubles never feed back into coding.
using Engine.Ans;
using Engine.Components;
using Engine.Ecs;
using Engine.Systems.Coding;

namespace Engine.Systems.Passes;

/// <summary>Writes every chain's current bit account into its <see cref="ChainBits"/>.</summary>
internal sealed class AccountSystem(CoderContext context) : CoderSystem(context, "Account")
{
    protected override void Run(int unitStep) => ForChains(Ctx.B);

    protected override void RunRange(int worker, int lo, int hi)
    {
        RansLanes lanes = Ctx.Rans.Lanes;
        int touched = 0;
        foreach (Chunk chunk in Ctx.Chains)
        {
            if (!Ctx.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ChainId> id = chunk.GetSpan<ChainId>();
            Span<ChainBits> bits = chunk.GetSpan<ChainBits>();
            for (int r = 0; r < id.Length; r++)
            {
                int b = id[r].Lane;
                if (b < lo || b >= hi) continue;
                RansAccount account = lanes.Account(b);
                bits[r] = new ChainBits(account.TotalBits, account.InitialBits);
                touched++;
            }
        }
        AddEntities(touched);
    }
}
