// A particle's current importance log-weight log2 w in Q32 fixed point (32 fractional bits), on the particle
// entity (b, i), summed from integer log2 table ratios so encoder and decoder compute the same bits on any
// machine. Particle entities are laid out chain by chain, so one chain's N weights are one span (the quantiser
// and the ESS test read them that way).
namespace Engine.Components;

/// <summary>log2 of the importance weight, Q32.</summary>
/// <param name="Q32">Fixed-point value (1.0 = 2^32).</param>
public record struct LogWeight(long Q32);
