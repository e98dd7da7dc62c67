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
    /// <summary>Latent[t, *] of every particle of chains [lo, hi) from Z, and (coupled coders) each particle's
    /// CoupledUniform positions op_i(u_{t,l}).</summary>
    public static int Latents(CoderContext c, int t, int lo, int hi, bool coupled = false)
    {
        int dims = c.L, w = c.T * dims, touched = 0;
        uint mask = (1u << c.R) - 1;
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            Span<CoupledUniform> position = coupled ? chunk.GetVectorSpan<CoupledUniform>() : default;
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                for (int l = 0; l < dims; l++)
                {
                    latent[r * w + t * dims + l] = new Latent(c.Z[c.ZIndex(t, i, l, b)]);
                    if (coupled) position[r * dims + l] = new CoupledUniform((c.U[(t * dims + l) * c.B + b] + c.ShiftR[i]) & mask);
                }
                touched++;
            }
        }
        return touched;
    }

    /// <summary>LogWeight of every particle of chains [lo, hi) from LogW.</summary>
    public static int LogWeights(CoderContext c, int lo, int hi)
    {
        int n = c.N, touched = 0;
        foreach (Chunk chunk in c.Particles)
        {
            if (!c.ChunkMayHold(chunk, lo, hi)) continue;
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<LogWeight> weight = chunk.GetSpan<LogWeight>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                if (b < lo || b >= hi) continue;
                weight[r] = new LogWeight(c.LogW[b * n + i]);
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
                ancestor[r * w + t] = new Ancestor(c.Parent(t, i, b));
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

    /// <summary>LineageSlot[*], ResampleFlag[*] and ChainUniforms[t, l] of the chains in [lo, hi).</summary>
    public static int ChainPaths(CoderContext c, int lo, int hi)
    {
        int w = c.T, dims = c.L, lanes = c.B, touched = 0;
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
                    for (int l = 0; l < dims; l++)
                        uniforms[(r * w + t) * dims + l] = new ChainUniforms(c.U[(t * dims + l) * lanes + b], c.V[t * lanes + b]);
                }
            }
        }
        return touched;
    }

    /// <summary>Observed[*] and the cursor of the chains in [lo, hi) for the current unit step (inactive ones get Current = -1).</summary>
    public static int Observations(CoderContext c, int lo, int hi)
    {
        int a = c.ActiveLanes, w = c.T * c.W, lanes = c.B, touched = 0;
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
                for (int s = 0; s < w; s++) observed[r * w + s] = new Observed(c.X[s * lanes + b]);
            }
        }
        return touched;
    }
}
