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
}
