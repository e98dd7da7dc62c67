// Where a chain is in its run of coding units (symbols, or sequences for the HMM), on the chain entity. Data is
// split into B contiguous runs; chain b owns units [FirstUnit, FirstUnit + UnitCount). The coders step all chains
// in lock-step and a chain whose run is shorter than the longest simply sits out the extra steps.
namespace Engine.Components;

/// <summary>A chain's run of units and the unit it is coding now.</summary>
/// <param name="FirstUnit">Index of the chain's first unit in the whole data.</param>
/// <param name="UnitCount">Number of units in the chain's run.</param>
/// <param name="Current">Unit (relative to <paramref name="FirstUnit"/>) being coded in this step, or -1 when the chain sits out.</param>
public record struct ChainCursor(int FirstUnit, int UnitCount, int Current)
{
    /// <summary>The absolute index of the unit being coded (meaningful only while <see cref="Current"/> is not -1).</summary>
    public readonly int Unit => FirstUnit + Current;
}
