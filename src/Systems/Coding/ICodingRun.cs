// ICodingRun: what every coder run's shared context (toy CoderContext, VaeContext) offers its passes:
// the ECS world the passes run over and the one rANS flush point whose counters they report.
using Engine.Ecs;

namespace Engine.Systems.Coding;

/// <summary>The shared state of one coder run, as its passes see it.</summary>
internal interface ICodingRun
{
    /// <summary>The world holding the run's chain and particle entities.</summary>
    World World { get; }

    /// <summary>The run's single route to the rANS backend (counts pushes and pops).</summary>
    RansFlush Rans { get; }
}
