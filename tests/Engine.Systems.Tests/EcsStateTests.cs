// The coders' state lives in ECS components: after a unit step the particle and chain entities hold what
// the passes decided (latents, ancestors, weights, lineage), consistent with the gathered arrays and with
// the coders' invariants, whatever order the chunks were visited in.
using Engine.Ans;
using Engine.Components;
using Engine.Ecs;
using Engine.Ecs.Scheduling;
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
        using var c = new CoderContext(model, options, new RansLanes(chains, 1), backend, decoding: false, [1, 1, 1], data);
        using Scheduler<CoderTick> schedule = CoderSchedule.Build(c);
        schedule.Tick(new CoderTick(0));

        Assert.That(c.World.Size, Is.EqualTo(chains + chains * n));
        int t = model.SequenceLength;
        var seen = new HashSet<(int, int)>();
        foreach (Chunk chunk in c.Particles)
        {
            Span<ParticleOf> of = chunk.GetSpan<ParticleOf>();
            Span<Latent> latent = chunk.GetVectorSpan<Latent>();
            Span<Ancestor> ancestor = chunk.GetVectorSpan<Ancestor>();
            Span<WeightFreq> weight = chunk.GetVectorSpan<WeightFreq>();
            Span<CoupledUniform> position = chunk.GetSpan<CoupledUniform>();
            for (int r = 0; r < of.Length; r++)
            {
                (int b, int i) = of[r];
                Assert.That(seen.Add((b, i)), Is.True);
                for (int s = 0; s < t; s++)
                {
                    Assert.That(latent[r * t + s].Value, Is.EqualTo(c.Z[c.ZIndex(s, i, b)]));
                    if (s > 0) Assert.That(ancestor[r * t + s].Slot, Is.InRange(0, n - 1));
                    Assert.That(weight[r * t + s].Freq, Is.GreaterThanOrEqualTo(1u), "always-resampling: every step has a table");
                }
                // The last step's latent is the proposal's inverse CDF at this particle's coupled position.
                Assert.That(model.Proposal.Lookup(c.X[(t - 1) * chains + b], position[r].Value), Is.EqualTo(latent[r * t + t - 1].Value));
            }
        }
        Assert.That(seen, Has.Count.EqualTo(chains * n));

        foreach (Chunk chunk in c.Chains)
        {
            Span<ChainId> id = chunk.GetSpan<ChainId>();
            Span<Observed> observed = chunk.GetVectorSpan<Observed>();
            Span<LineageSlot> lineage = chunk.GetVectorSpan<LineageSlot>();
            Span<ChainUniforms> uniforms = chunk.GetVectorSpan<ChainUniforms>();
            Span<ChainBits> bits = chunk.GetSpan<ChainBits>();
            for (int r = 0; r < id.Length; r++)
            {
                int b = id[r].Lane;
                RansAccount account = c.Rans.Lanes.Account(b);
                Assert.That(bits[r], Is.EqualTo(new ChainBits(account.TotalBits, account.InitialBits)));
                Assert.That(bits[r].Net, Is.GreaterThan(0));
                Assert.That(uniforms[r * t].Particle, Is.EqualTo(c.U[b]));
                for (int s = 0; s < t; s++)
                {
                    Assert.That(observed[r * t + s].Symbol, Is.EqualTo(data[b * t + s]));
                    // The lineage is a path through the ancestors: b_{s-1} = A_s^{b_s}.
                    if (s > 0) Assert.That(c.Anc[c.ZIndex(s, lineage[r * t + s].Slot, b)], Is.EqualTo(lineage[r * t + s - 1].Slot));
                    Assert.That(c.ZLin[s * chains + b], Is.EqualTo(c.Z[c.ZIndex(s, lineage[r * t + s].Slot, b)]));
                }
            }
        }
    }
}
