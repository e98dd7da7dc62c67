// Scatter: chunk passes that copy the gathered (step, slot, lane) arrays into the entities' components
// after a lane flush decided them. Each pass walks the particle (or chain) chunks once, reads the row's
// (chain, slot) and indexes the gathered array, so the result does not depend on iteration order.
// Every pass handles the rows whose chain lies in [lo, hi) (a ChainWorkers range; callers keep hi at or
// below ActiveLanes where inactive lanes must keep their components) and returns how many it touched;
// chunks whose chains all lie outside the range are skipped (CoderContext.ChunkMayHold).
using Engine.Components;
using Engine.Ecs;

namespace Engine.Systems.Coding;

/// <summary>Gathered arrays → components.</summary>
internal static class Scatter
{
    /// <summary>Latent[t] of every particle of chains [lo, hi) from Z.</summary>
    public static int Latents(CoderContext c, int t, int lo, int hi)
    {
        int w = c.T, touched = 0;
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                latent[r * w + t] = new Latent(c.Z[c.ZIndex(t, i, b)]);
                touched++;
            }
        }
        return touched;
    }

    /// <summary>Ancestor[t] of every particle of chains [lo, hi) from Anc (identity where the lane did not resample).</summary>
    public static int Ancestors(CoderContext c, int t, int lo, int hi)
    {
        int w = c.T, touched = 0;
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Ancestor> ancestor = chunk.GetVectorSpan<Ancestor>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                ancestor[r * w + t] = new Ancestor(c.NewSegment(t, b) ? c.Anc[c.ZIndex(t, i, b)] : i);
                touched++;
            }
        }
        return touched;
    }

    /// <summary>WeightFreq[t] of every particle of chains [lo, hi) from the step's cumulative rows (0 where no table was built).</summary>
    public static int Weights(CoderContext c, int t, ReadOnlySpan<byte> built, int lo, int hi)
    {
        int w = c.T, touched = 0;
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<WeightFreq> freq = chunk.GetVectorSpan<WeightFreq>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                int row = c.WRow(t, b) + i;
                freq[r * w + t] = new WeightFreq(built[b] != 0 ? c.WCdf[row + 1] - c.WCdf[row] : 0);
                touched++;
            }
        }
        return touched;
    }

    /// <summary>LineageSlot[*], ResampleFlag[*] and ChainUniforms[*] of the chains in [lo, hi).</summary>
    public static int ChainPaths(CoderContext c, int lo, int hi)
    {
        int w = c.T, lanes = c.B, touched = 0;
        foreach (Chunk chunk in c.Chains)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ChainId> id = chunk.GetSpan<ChainId>();
            Span<LineageSlot> lineage = chunk.GetVectorSpan<LineageSlot>();
            Span<ResampleFlag> flag = chunk.GetVectorSpan<ResampleFlag>();
            Span<ChainUniforms> uniforms = chunk.GetVectorSpan<ChainUniforms>();
            for (int r = 0; r < id.Length; r++)
            {
                int b = id[r].Lane;
                if (b < lo || b >= hi) continue;
                touched++;
                for (int t = 0; t < w; t++)
                {
                    lineage[r * w + t] = new LineageSlot(c.Lineage[t * lanes + b]);
                    flag[r * w + t] = new ResampleFlag(c.Resampled[t * lanes + b]);
                    uniforms[r * w + t] = new ChainUniforms(c.U[t * lanes + b], c.V[t * lanes + b]);
                }
            }
        }
        return touched;
    }

    /// <summary>Observed[*] and the cursor of the chains in [lo, hi) for the current unit step (inactive ones get Current = -1).</summary>
    public static int Observations(CoderContext c, int lo, int hi)
    {
        int a = c.ActiveLanes, w = c.T, lanes = c.B, touched = 0;
        foreach (Chunk chunk in c.Chains)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ChainId> id = chunk.GetSpan<ChainId>();
            Span<ChainCursor> cursor = chunk.GetSpan<ChainCursor>();
            Span<Observed> observed = chunk.GetVectorSpan<Observed>();
            for (int r = 0; r < id.Length; r++)
            {
                int b = id[r].Lane;
                if (b < lo || b >= hi) continue;
                touched++;
                if (b >= a)
                {
                    cursor[r] = cursor[r] with { Current = -1 };
                    continue;
                }
                cursor[r] = cursor[r] with { Current = c.UnitOfLane[b] - c.FirstUnit[b] };
                for (int t = 0; t < w; t++) observed[r * w + t] = new Observed(c.X[t * lanes + b]);
            }
        }
        return touched;
    }
}
