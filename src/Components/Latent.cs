// A particle's discrete latent value. Registered with width T so element t keeps z_t for the whole
// unit: trace-back and push-back need every step's particles after the forward pass.
namespace Engine.Components;

/// <summary>A latent value z (registered with width T: element t is step t).</summary>
/// <param name="Value">Index of the latent state.</param>
public record struct Latent(int Value);
