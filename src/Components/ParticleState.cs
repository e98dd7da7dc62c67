// A model's opaque per-particle state after step t (a recurrent network's hidden state), on the particle-step
// entity (t, i, b): word k of s_t^i. Width = the model's ModelShape.StateWords, columns layout. Queries about step
// t + 1 read the parent's words, found through the ancestors like the parent's latent.
namespace Engine.Components;

/// <summary>One word of s_t (registered with width StateWords, columns layout).</summary>
/// <param name="Word">The model's word.</param>
public record struct ParticleState(int Word);
