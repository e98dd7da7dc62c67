// LatentPropagateSystem: BB-ELBO / BB-IS particles z^i ~ q(z | x), each a vector of L bucket indices,
// coded dimension by dimension with the lane's proposal rows (one vector pop or push per (slot, latent)).
// Forward/encode: pop all N slots, slot-major then latent (i = 0..N-1, l = 0..L-1).
// Backward/encode: push back every slot but j in exactly the reverse order; position m of the N - 1
//   other slots maps to slot m (m < j) or m + 1, per lane, so no lane needs a mask.
// Forward/decode: pop the N - 1 other slots (m ascending, l ascending); slot j is the prior-decoded z_j.
// Backward/decode: push all N slots in reverse pop order (undoing the encoder's pops).
// Bucket lookup searches the integer CDF row (never a float inverse). After a forward half a particle
// chunk pass copies the gathered latents into the Latent vector components.
using Engine.Ans.Quantization;
using Engine.Components;
using Engine.Ecs;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Pops (or pushes back) the independent proposal draws of all particles.</summary>
internal sealed class LatentPropagateSystem(VaeContext context, CodingPhase phase) : VaeSystem(context, "Propagate")
{
    protected override void Run(int unitStep)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes, n = c.N;
        if (a == 0) return;
        bool skipLineage = c.Decoding == (phase == CodingPhase.Forward);
        int count = skipLineage ? n - 1 : n;
        if (phase == CodingPhase.Forward)
        {
            if (c.Decoding)
                for (int l = 0; l < c.L; l++)
                    for (int b = 0; b < a; b++) c.Z[c.ZIndex(c.Lineage[b], l, b)] = c.ZLin[l * c.B + b];
            for (int m = 0; m < count; m++)
                for (int l = 0; l < c.L; l++) Pop(m, l, skipLineage);
            ScatterLatents(c);
            return;
        }
        for (int m = count - 1; m >= 0; m--)
            for (int l = c.L - 1; l >= 0; l--) Push(m, l, skipLineage);
    }

    private void Pop(int m, int l, bool skipLineage)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes;
        c.Rans.PeekCf(a, c.R, c.Cf);
        for (int b = 0; b < a; b++)
        {
            ReadOnlySpan<uint> row = c.QRow(b, l);
            int z = CumulativeTable.FindSymbol(row, c.Cf[b]);
            c.Z[c.ZIndex(SlotOf(m, b, skipLineage), l, b)] = z;
            c.Starts[b] = row[z];
            c.Freqs[b] = row[z + 1] - row[z];
        }
        c.Rans.Commit(a, c.Starts, c.Freqs, c.R);
    }

    private void Push(int m, int l, bool skipLineage)
    {
        VaeContext c = Ctx;
        int a = c.ActiveLanes;
        for (int b = 0; b < a; b++)
        {
            ReadOnlySpan<uint> row = c.QRow(b, l);
            int z = c.Z[c.ZIndex(SlotOf(m, b, skipLineage), l, b)];
            c.Starts[b] = row[z];
            c.Freqs[b] = row[z + 1] - row[z];
        }
        c.Rans.Push(a, c.Starts, c.Freqs, c.R);
    }

    private int SlotOf(int m, int b, bool skipLineage) => !skipLineage || m < Ctx.Lineage[b] ? m : m + 1;

    /// <summary>Gathered Z → every active particle's Latent vector.</summary>
    internal static void ScatterLatents(VaeContext c)
    {
        int a = c.ActiveLanes, w = c.L;
        foreach (Chunk chunk in c.Particles)
        {
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b >= a) continue;
                for (int l = 0; l < w; l++) latent[r * w + l] = new Latent(c.Z[c.ZIndex(i, l, b)]);
            }
        }
    }
}
