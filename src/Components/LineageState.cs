// The special lineage's model state after step t, on the chain-step entity (t, b): what the model pass conditions
// step t + 1 on (encode: taken from the lineage's particles; decode: advanced along the lineage as it is popped).
// Width StateWords, columns layout, like ParticleState.
namespace Engine.Components;

/// <summary>One word of s_t^{b_t} (registered with width StateWords, columns layout).</summary>
/// <param name="Word">The model's word.</param>
public record struct LineageState(int Word);
