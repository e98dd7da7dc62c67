// The lineage's latent at step t, on the chain-step entity (t, b): z_t^{b_t}, what the model pass pushes under
// the prior and the likelihood conditions on (encode: traced back from the particles; decode: popped first, then
// planted at the lineage slot). Width L, columns layout, like Latent.
namespace Engine.Components;

/// <summary>The lineage's latent z_{t,l}^{b_t} (registered with width L, columns layout).</summary>
/// <param name="Value">Index of the latent state (or bucket).</param>
public record struct LineageLatent(int Value);
