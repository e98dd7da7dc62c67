// The coders' state lives in ECS components and nowhere else: after a unit step, a query over the world (as any
// outside system would run one) finds the chain, chain-step, particle-step and particle blocks, and their columns
// hold what the passes decided — observations, a lineage that is a path through the ancestors, the lineage's
// latents, coupled latents that are the proposal's inverse CDF at the shifted uniforms, and valid weight tables.
using Engine.Ans;
using Engine.Components;
using Engine.Ecs;
using Engine.Ecs.Scheduling;
using Engine.Modeling;
using Engine.Modeling.Discrete;
using Engine.Models.Toy;
using Engine.Systems.Coding;

namespace Engine.Systems.Tests;

public class EcsStateTests
{
    [Test]
    public void AfterOneCsmcStepTheComponentsHoldTheLatentPath()
    {
        ToyModel model = TestModels.Get("hmm:proposal=informed");
        const int chains = 3, n = 8;
        byte[] data = model.Sample(chains, 4);
        var options = new CoderOptions { Kind = CoderKind.BbCsmc, Particles = n, Chains = chains };
        using var backend = new DirectLaneBackend();
        using var c = new CoderContext(model, options, new RansLanes(chains, 1), backend, decoding: false);
        c.BeginRun([1, 1, 1], data);
        using Scheduler<CoderTick> schedule = CoderSchedule.Build(c);
        schedule.Tick(new CoderTick(0));

        int t = model.SequenceLength;
        Assert.That(c.World.Size, Is.EqualTo(chains + t * chains + t * n * chains + chains * n));

        Chunk steps = Single(c.World, new QueryDescription().WithAll<Observed, LineageSlot, WeightCdf>());
        Chunk particles = Single(c.World, new QueryDescription().WithAll<Latent, Ancestor>());
        Chunk cursors = Single(c.World, new QueryDescription().WithAll<ChainCursor>());
        Assert.That(steps.Count, Is.EqualTo(t * chains));
        Assert.That(particles.Count, Is.EqualTo(t * n * chains));
        foreach (ChainCursor cursor in cursors.GetSpan<ChainCursor>()) Assert.That(cursor, Is.EqualTo(cursor with { UnitCount = 1, Current = 0 }));

        Span<Observed> observed = steps.GetElementSpan<Observed>(0);
        Span<LineageSlot> lineage = steps.GetSpan<LineageSlot>();
        Span<LineageLatent> lineageLatent = steps.GetElementSpan<LineageLatent>(0);
        Span<CoupledUniform> u = steps.GetElementSpan<CoupledUniform>(0);
        Span<ResampleFlag> resampled = steps.GetSpan<ResampleFlag>();
        Span<Latent> latent = particles.GetElementSpan<Latent>(0);
        Span<Ancestor> ancestor = particles.GetSpan<Ancestor>();
        uint mask = (1u << c.R) - 1;
        for (int b = 0; b < chains; b++)
        {
            for (int s = 0; s < t; s++)
            {
                int step = s * chains + b;
                Assert.That(observed[step].Symbol, Is.EqualTo(data[b * t + s]));
                int slot = lineage[step].Slot;
                Assert.That(lineageLatent[step].Value, Is.EqualTo(latent[(s * n + slot) * chains + b].Value), "the lineage's latent is its particle's");
                // The lineage is a path through the ancestors: b_{s-1} = A_s^{b_s} where the chain resampled after s - 1.
                if (s > 0 && resampled[step - chains].Value != 0)
                    Assert.That(ancestor[(s * n + slot) * chains + b].Slot, Is.EqualTo(lineage[step - chains].Slot));
                // Weight tables: cumulative, from 0 to 2^p, every particle at least 1.
                Span<WeightCdf> row = steps.GetVectorRow<WeightCdf>(step);
                if (s == t - 1 || resampled[step].Value != 0)
                {
                    Assert.That(row[0].Start, Is.Zero);
                    Assert.That(row[n].Start, Is.EqualTo(1u << c.P));
                    for (int i = 0; i < n; i++) Assert.That(row[i + 1].Start, Is.GreaterThan(row[i].Start));
                }
            }
            // The last step's latents are the proposal's inverse CDF at each particle's shifted copy of u (this model's
            // proposal reads x_t only, so every slot uses row x_t).
            Assume.That(model.ProposalInput, Is.EqualTo(ProposalInput.Observation));
            int last = t - 1, lastStep = last * chains + b;
            for (int i = 0; i < n; i++)
            {
                uint position = (u[lastStep].Value + c.ShiftR[i]) & mask;
                Assert.That(latent[(last * n + i) * chains + b].Value, Is.EqualTo(model.ProposalAt(last).Lookup(observed[lastStep].Symbol, position)));
            }
        }
    }

    private static Chunk Single(World world, QueryDescription description)
    {
        Chunk[] chunks = [.. world.Query(description)];
        Assert.That(chunks, Has.Length.EqualTo(1), "each block is one chunk");
        return chunks[0];
    }
}
