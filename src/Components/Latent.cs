// A particle's latent value at one step, on the particle-step entity (t, i, b): a vector component of width L
// (latent dimensions), laid out as columns so dimension l of every particle-step is one lane-major span. Every
// step keeps its entities for the whole unit: trace-back and push-back need every step's particles afterwards.
namespace Engine.Components;

/// <summary>A latent value z_{t,l} (registered with width L, columns layout: element l is dimension l).</summary>
/// <param name="Value">Index of the latent state (or bucket).</param>
public record struct Latent(int Value);
