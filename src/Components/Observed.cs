// The observed symbols of the unit a chain is coding: a vector component of width T (the sequence
// length; 1 for the mixture). Encode loads them from the data; decode fills them as x_t is popped.
namespace Engine.Components;

/// <summary>One observed symbol x_t (registered with width T: element t is step t).</summary>
/// <param name="Symbol">The symbol.</param>
public record struct Observed(int Symbol);
