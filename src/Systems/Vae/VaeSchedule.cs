// VaeSchedule: the VAE coders as ordered ECS systems per direction (one scheduler tick = one image on every
// active chain). BB-ELBO is BB-IS with N = 1 (no index is coded); BB-CIS swaps the particle pass.
//   encode: unit{BeginUnit, Posterior}; forward{Propagate|CoupledInverseCdf, Reweight, WeightTable};
//           select{Select}; backward{Propagate|CoupledInverseCdf, Lineage}; model{Model}
//   decode: unit{BeginUnit, Model, Lineage, Posterior}; forward{Propagate|CoupledInverseCdf, Reweight,
//           WeightTable}; select{Select}; backward{Propagate|CoupledInverseCdf}; store{StoreUnit}
// Stack order per image, encode: pop Z ~ Q, pop j ~ Cat(w̃), push Z_{-j} (or the CIS residuals), push j,
// push x, push z_j; decode undoes each operation in the exact mirror order.
using Engine.Ecs.Scheduling;
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>Builds the scheduler of one VAE coder and direction.</summary>
internal static class VaeSchedule
{
    public static Scheduler<CoderTick> Build(VaeContext c)
    {
        var s = new Scheduler<CoderTick>(c.World)
        {
            ProfilingEnabled = c.Options.Profile || c.Options.Trace,
            TraceEnabled = c.Options.Trace,
        };
        if (!c.Decoding)
        {
            s.Add(new Group<CoderTick>("unit", new VaeBeginUnitSystem(c), new PosteriorSystem(c)));
            s.Add(new Group<CoderTick>("forward", Particles(c, CodingPhase.Forward), new VaeReweightSystem(c), new VaeWeightTableSystem(c)));
            s.Add(new Group<CoderTick>("select", new VaeSelectSystem(c, CodingPhase.Forward)));
            s.Add(new Group<CoderTick>("backward", Particles(c, CodingPhase.Backward), new VaeLineageSystem(c, CodingPhase.Backward)));
            s.Add(new Group<CoderTick>("model", new VaeModelSystem(c, CodingPhase.Backward)));
            return s;
        }
        s.Add(new Group<CoderTick>("unit", new VaeBeginUnitSystem(c), new VaeModelSystem(c, CodingPhase.Forward),
            new VaeLineageSystem(c, CodingPhase.Forward), new PosteriorSystem(c)));
        s.Add(new Group<CoderTick>("forward", Particles(c, CodingPhase.Forward), new VaeReweightSystem(c), new VaeWeightTableSystem(c)));
        s.Add(new Group<CoderTick>("select", new VaeSelectSystem(c, CodingPhase.Backward)));
        s.Add(new Group<CoderTick>("backward", Particles(c, CodingPhase.Backward)));
        s.Add(new Group<CoderTick>("store", new VaeStoreUnitSystem(c)));
        return s;
    }

    private static VaeSystem Particles(VaeContext c, CodingPhase phase) =>
        c.Coupled ? new LatentCoupledSystem(c, phase) : new LatentPropagateSystem(c, phase);
}
