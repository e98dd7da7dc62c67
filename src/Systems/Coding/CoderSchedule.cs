// CoderSchedule: each coder as an ordered list of ECS systems per direction, in Scheduler groups so every
// system is timed and counted. One scheduler tick codes one unit on every active chain. Per-step groups
// ("forward[t]", "backward[t]") hold that step's instances; decode runs the encoder's operations in exact
// mirror order (docs/coders.md lists both schedules for every coder).
//
// SMC family (BB-ELBO, BB-IS, BB-SMC; coupled: BB-CIS, BB-CSMC):
//   encode: unit{BeginUnit}; forward[t]{Resample|Systematic (t>0), Propagate|CoupledInverseCdf, Reweight,
//           WeightTable} for t = 0..T-1; select{Select, TraceBack}; backward[t]{Propagate|CoupledInverseCdf,
//           Resample|Systematic (t>0), Lineage} for t = T-1..0; model{Model}
//   decode: unit{BeginUnit, Model}; forward[t]{Lineage, Resample|Systematic (t>0), Propagate|CoupledInverseCdf,
//           Reweight, WeightTable}; select{Select}; backward[t]{Propagate|CoupledInverseCdf,
//           Resample|Systematic (t>0)} for t = T-1..0; store{StoreUnit}
// AIS (BB-AIS, BB-AIS-BitSwap; one-step models):
//   encode: unit{BeginUnit, AnnealTarget}; anneal{AnnealStart, Metropolis fwd, Metropolis bwd (AIS)}; model{Model}
//   decode: unit{BeginUnit, Model, AnnealTarget}; anneal{Metropolis fwd, Metropolis bwd (AIS), AnnealStart}; store{StoreUnit}
using Engine.Ecs.Scheduling;
using Engine.Systems.Passes;

namespace Engine.Systems.Coding;

/// <summary>Builds the scheduler of one coder and direction.</summary>
internal static class CoderSchedule
{
    public static Scheduler<CoderTick> Build(CoderContext c)
    {
        var scheduler = new Scheduler<CoderTick>(c.World)
        {
            ProfilingEnabled = c.Options.Profile || c.Options.Trace,
            TraceEnabled = c.Options.Trace,
        };
        if (c.Annealed) AddAnnealed(scheduler, c);
        else AddSequential(scheduler, c);
        return scheduler;
    }

    private static void AddSequential(Scheduler<CoderTick> s, CoderContext c)
    {
        bool decode = c.Decoding;
        bool resample = c.Resampling != ResamplingMode.Never;
        var unit = new Group<CoderTick>("unit", new BeginUnitSystem(c));
        if (decode) unit.Add(new ModelSystem(c, CodingPhase.Forward));
        s.Add(unit);
        for (int t = 0; t < c.T; t++)
        {
            var g = new Group<CoderTick>($"forward[{t}]");
            if (decode) g.Add(new LineageSystem(c, t, CodingPhase.Forward));
            if (t > 0 && resample) g.Add(Ancestors(c, t, CodingPhase.Forward));
            g.Add(Particles(c, t, CodingPhase.Forward), new ReweightSystem(c, t));
            if (c.StateWords > 0 && t < c.T - 1) g.Add(new StateSystem(c, t));
            g.Add(new WeightTableSystem(c, t));
            s.Add(g);
        }
        s.Add(decode
            ? new Group<CoderTick>("select", new SelectSystem(c, CodingPhase.Backward))
            : new Group<CoderTick>("select", new SelectSystem(c, CodingPhase.Forward), new TraceBackSystem(c)));
        for (int t = c.T - 1; t >= 0; t--)
        {
            var g = new Group<CoderTick>($"backward[{t}]", Particles(c, t, CodingPhase.Backward));
            if (t > 0 && resample) g.Add(Ancestors(c, t, CodingPhase.Backward));
            if (!decode) g.Add(new LineageSystem(c, t, CodingPhase.Backward));
            s.Add(g);
        }
        s.Add(decode
            ? new Group<CoderTick>("store", new StoreUnitSystem(c))
            : new Group<CoderTick>("model", new ModelSystem(c, CodingPhase.Backward)));
    }

    private static void AddAnnealed(Scheduler<CoderTick> s, CoderContext c)
    {
        bool plainAis = c.Kind == CoderKind.BbAis;
        if (!c.Decoding)
        {
            s.Add(new Group<CoderTick>("unit", new BeginUnitSystem(c), new AnnealTargetSystem(c)));
            var anneal = new Group<CoderTick>("anneal", new AnnealStartSystem(c, CodingPhase.Forward), new MetropolisSystem(c, CodingPhase.Forward));
            if (plainAis) anneal.Add(new MetropolisSystem(c, CodingPhase.Backward));
            s.Add(anneal);
            s.Add(new Group<CoderTick>("model", new ModelSystem(c, CodingPhase.Backward)));
            return;
        }
        s.Add(new Group<CoderTick>("unit", new BeginUnitSystem(c), new ModelSystem(c, CodingPhase.Forward), new AnnealTargetSystem(c)));
        var back = new Group<CoderTick>("anneal", new MetropolisSystem(c, CodingPhase.Forward));
        if (plainAis) back.Add(new MetropolisSystem(c, CodingPhase.Backward));
        back.Add(new AnnealStartSystem(c, CodingPhase.Backward));
        s.Add(back);
        s.Add(new Group<CoderTick>("store", new StoreUnitSystem(c)));
    }

    private static CoderSystem Particles(CoderContext c, int t, CodingPhase phase) =>
        c.Coupled ? new CoupledInverseCdfSystem(c, t, phase) : new PropagateSystem(c, t, phase);

    private static CoderSystem Ancestors(CoderContext c, int t, CodingPhase phase) =>
        c.Coupled ? new SystematicResampleSystem(c, t, phase) : new ResampleSystem(c, t, phase);
}
