// An observed symbol of the unit a chain is coding, on the chain-step entity of step t: a vector component of
// width W (symbols per step), laid out as columns so symbol position w of every chain-step is one lane-major span.
// Encode loads them from the data; decode fills them as x_t is popped.
namespace Engine.Components;

/// <summary>One observed symbol x_{t,w} (registered with width W, columns layout: element w is position w).</summary>
/// <param name="Symbol">The symbol.</param>
public record struct Observed(int Symbol);
