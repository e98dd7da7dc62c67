// A chain's bit accounting after coding (docs/architecture.md#bit-accounting): total = 32 |tail| + log2 head, initial = log2 of
// the initial head + 32 per initial word drawn, net = total - initial.
namespace Engine.Components;

/// <summary>Bits of one chain's message.</summary>
/// <param name="Total">Total bits in the chain's state.</param>
/// <param name="Initial">Initial bits consumed.</param>
public record struct ChainBits(double Total, double Initial)
{
    /// <summary>Net bits: total minus initial.</summary>
    public readonly double Net => Total - Initial;
}
