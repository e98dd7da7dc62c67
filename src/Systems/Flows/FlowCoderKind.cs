// The local bits-back coders of a CIF (docs/flows.md): how the layers' pops and pushes are ordered.
namespace Engine.Systems.Flows;

/// <summary>A local bits-back coder for continuously-indexed flows.</summary>
public enum FlowCoderKind
{
    /// <summary>Bit-Swap: each layer pops its index and the level below, then pushes the level above and its index, so the
    /// initial bits stay flat in the number of layers. With one layer this is the single-layer coder.</summary>
    BitSwap,

    /// <summary>Naive hierarchical: every index and level is popped first, then everything is pushed with its generative
    /// distribution; initial bits grow with the number of layers.</summary>
    Naive,

    /// <summary>McBits over the index (BB-IS(N)): N index particles popped from q(u | x), one selected by its importance weight
    /// p(x, u) / q(u | x), the others pushed back; then x and the selected index are coded with the model by local bits-back.
    /// Net rate about -E log p^_N(x), the IWAE(N) bound. Every layer's index is popped before the layers are coded (with N = 1 the
    /// rate is Bit-Swap's, the order not), so its initial bits grow with the index dimensions; a plain flow (no index) codes as Bit-Swap.</summary>
    ImportanceSampling,

    /// <summary>Coupled McBits over the index (BB-CIS(N)): one shared uniform word per index coordinate, shifted per particle
    /// (CoupledGridDraw), draws all N particles from q(u | x); one is selected by weight, and only its word's residual is pushed
    /// back, not the other particles. Net rate about the coupled estimator's -E log p^_N(x); initial bits flat in N.</summary>
    CoupledImportanceSampling,
}

/// <summary>Facts about <see cref="FlowCoderKind"/> values.</summary>
public static class FlowCoderKinds
{
    /// <summary>True for the coders with index particles (BB-IS and BB-CIS over the index).</summary>
    public static bool HasParticles(this FlowCoderKind kind) =>
        kind is FlowCoderKind.ImportanceSampling or FlowCoderKind.CoupledImportanceSampling;

    /// <summary>The coder's message name, with the particle count for the coders that have particles: "LBB-BitSwap", "LBB-CIS(16)".</summary>
    public static string Label(this FlowCoderKind kind, int particles) =>
        kind.HasParticles() ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FlowMessageFields.Name(kind)}({particles})") : FlowMessageFields.Name(kind);
}
