// VaeSystem: base of every VAE coder pass: a CodingPass over the shared VaeContext (which reports the
// rANS counters, like the toy coders' CoderSystem).
using Engine.Systems.Coding;

namespace Engine.Systems.Vae;

/// <summary>A pass of a VAE coder schedule.</summary>
internal abstract class VaeSystem(VaeContext context, string name) : CodingPass<VaeContext>(context, name);
