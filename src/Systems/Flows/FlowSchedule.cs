// FlowSchedule: each local bits-back coder as an ordered list of ECS systems per direction, in Scheduler groups so every
// system is timed and counted; one tick codes one data vector on every active chain. Layers l = L-1 .. 0 from the data
// down; Q = IndexPosterior (u_l ~ q(u_l | z_{l+1})), I = InverseLayer (z_l given z_{l+1}, u_l), F = ForwardLayer (z_{l+1}
// given z_l, u_l), P = IndexPrior (u_l ~ p(u_l | z_l)); a plain flow (no index) has no Q and P.
//   Bit-Swap encode: Dequantize; layer[l]{Q, I, F, P} for l = L-1 .. 0; base{BasePrior}
//   Bit-Swap decode: base{BasePrior}; layer[l]{P, F, I, Q} for l = 0 .. L-1; data{Dequantize}
//   Naive encode:    Dequantize; down[l]{Q, I} for l = L-1 .. 0; up[l]{F, P} for l = L-1 .. 0; base{BasePrior}
//   Naive decode:    base{BasePrior}; up[l]{P, F} for l = 0 .. L-1; down[l]{I, Q} for l = 0 .. L-1; data{Dequantize}
//   IS(N) encode:    Dequantize; particles{ParticleProposal, ParticleSelect, ParticlePushBack}; layer[l]{I, F, P} for
//                    l = L-1 .. 0; base{BasePrior}
//   IS(N) decode:    base{BasePrior}; layer[l]{P, F, I} for l = 0 .. L-1; particles{ParticlePushBack, ParticleSelect,
//                    ParticleProposal}; data{Dequantize}        (a plain flow has no index: IS codes as Bit-Swap)
//   CIS(N) encode:   as IS(N), the particles group {CoupledProposal, ParticleSelect, CoupledResidual}
//   CIS(N) decode:   as IS(N), the particles group {CoupledResidual, ParticleSelect, CoupledProposal}
// Each decode is its encode's operations inverted, in reverse order. Bit-Swap pushes each layer's level above right after
// popping the level below, so only one layer's pops ever wait for bits: the initial bits stay flat in L, where the naive
// order pops every layer first.
using Engine.Ecs.Scheduling;
using Engine.Systems.Coding;

namespace Engine.Systems.Flows;

/// <summary>Builds the scheduler of one local bits-back coder and direction.</summary>
internal static class FlowSchedule
{
    public static Scheduler<CoderTick> Build(FlowContext c)
    {
        var s = new Scheduler<CoderTick>(c.World)
        {
            ProfilingEnabled = c.Options.Profile || c.Options.Trace,
            TraceEnabled = c.Options.Trace,
        };
        bool index = c.U > 0, decode = c.Decoding;
        s.Add(new Group<CoderTick>("unit", new FlowBeginUnitSystem(c)));
        if (!decode) s.Add(new Group<CoderTick>("data", new DequantizeSystem(c)));
        else s.Add(new Group<CoderTick>("base", new BasePriorSystem(c)));
        if (c.Options.Coder.HasParticles() && index)
            AddImportanceSampling(s, c, decode);
        else if (c.Options.Coder != FlowCoderKind.Naive)
        {
            for (int k = 0; k < c.L; k++)
            {
                int l = decode ? k : c.L - 1 - k;
                var g = new Group<CoderTick>($"layer[{l}]");
                if (decode)
                {
                    if (index) g.Add(new IndexPriorSystem(c, l));
                    g.Add(new ForwardLayerSystem(c, l), new InverseLayerSystem(c, l));
                    if (index) g.Add(new IndexPosteriorSystem(c, l));
                }
                else
                {
                    if (index) g.Add(new IndexPosteriorSystem(c, l));
                    g.Add(new InverseLayerSystem(c, l), new ForwardLayerSystem(c, l));
                    if (index) g.Add(new IndexPriorSystem(c, l));
                }
                s.Add(g);
            }
        }
        else if (!decode)
        {
            for (int l = c.L - 1; l >= 0; l--) s.Add(Down(c, l, index, decode));
            for (int l = c.L - 1; l >= 0; l--) s.Add(Up(c, l, index, decode));
        }
        else
        {
            for (int l = 0; l < c.L; l++) s.Add(Up(c, l, index, decode));
            for (int l = 0; l < c.L; l++) s.Add(Down(c, l, index, decode));
        }
        if (!decode) s.Add(new Group<CoderTick>("base", new BasePriorSystem(c)));
        else s.Add(new Group<CoderTick>("data", new DequantizeSystem(c)));
        return s;
    }

    // Importance sampling over the index: the particles (encode: propose, select, push back; decode: the mirror), then each
    // layer's local bits-back with the selected index (encode: I, F, P from the top; decode: P, F, I from the bottom). The
    // coupled coder proposes from shared words and gives back their residuals instead of the other particles.
    private static void AddImportanceSampling(Scheduler<CoderTick> s, FlowContext c, bool decode)
    {
        FlowSystem Propose() => c.Coupled ? new CoupledProposalSystem(c) : new ParticleProposalSystem(c);
        FlowSystem GiveBack() => c.Coupled ? new CoupledResidualSystem(c) : new ParticlePushBackSystem(c);
        if (!decode)
            s.Add(new Group<CoderTick>("particles", Propose(), new ParticleSelectSystem(c), GiveBack()));
        for (int k = 0; k < c.L; k++)
        {
            int l = decode ? k : c.L - 1 - k;
            s.Add(decode
                ? new Group<CoderTick>($"layer[{l}]", new IndexPriorSystem(c, l), new ForwardLayerSystem(c, l), new InverseLayerSystem(c, l))
                : new Group<CoderTick>($"layer[{l}]", new InverseLayerSystem(c, l), new ForwardLayerSystem(c, l), new IndexPriorSystem(c, l)));
        }
        if (decode)
            s.Add(new Group<CoderTick>("particles", GiveBack(), new ParticleSelectSystem(c), Propose()));
    }

    // Naive: the inference half of a layer (Q then I when encoding, I then Q when decoding) ...
    private static Group<CoderTick> Down(FlowContext c, int l, bool index, bool decode)
    {
        var g = new Group<CoderTick>($"down[{l}]");
        if (index && !decode) g.Add(new IndexPosteriorSystem(c, l));
        g.Add(new InverseLayerSystem(c, l));
        if (index && decode) g.Add(new IndexPosteriorSystem(c, l));
        return g;
    }

    // ... and its generative half (F then P when encoding, P then F when decoding).
    private static Group<CoderTick> Up(FlowContext c, int l, bool index, bool decode)
    {
        var g = new Group<CoderTick>($"up[{l}]");
        if (index && decode) g.Add(new IndexPriorSystem(c, l));
        g.Add(new ForwardLayerSystem(c, l));
        if (index && !decode) g.Add(new IndexPriorSystem(c, l));
        return g;
    }
}
