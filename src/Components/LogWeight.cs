// A particle's importance log-weight log2 w in Q32 fixed point (32 fractional bits), summed from
// integer log2 table ratios (FixedLog2) so encoder and decoder compute the same bits on any machine.
namespace Engine.Components;

/// <summary>log2 of the importance weight, Q32.</summary>
/// <param name="Q32">Fixed-point value (1.0 = 2^32).</param>
public record struct LogWeight(long Q32);
