// DiscreteModel sampling: draws coding units from the quantised tables with integer arithmetic only
// (SplitMix64 bits searched in the integer CDFs), so the same seed gives the same bytes everywhere.
namespace Engine.Modeling.Discrete;

public partial class DiscreteModel
{
    /// <summary>Largest number of symbols one <see cref="Sample"/> call returns.</summary>
    public const int MaxSampleSymbols = 1 << 30;

    /// <summary>Samples <paramref name="units"/> coding units (units × <see cref="SequenceLength"/> symbols).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than <see cref="MaxSampleSymbols"/> symbols.</exception>
    public byte[] Sample(int units, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        int t = SequenceLength;
        if ((long)units * t > MaxSampleSymbols)
            throw new ArgumentOutOfRangeException(nameof(units), units, $"At most {MaxSampleSymbols} symbols per sample.");
        var rng = new SplitMix64(seed ^ 0x5A3C_96E1_0F2D_B487UL);
        var data = new byte[units * t];
        for (int u = 0; u < units; u++)
        {
            int z = Prior.Lookup(0, rng.NextBits(Prior.Precision));
            for (int s = 0; s < t; s++)
            {
                if (s > 0) z = Transition!.Lookup(z, rng.NextBits(Transition.Precision));
                data[u * t + s] = (byte)Emission.Lookup(z, rng.NextBits(Emission.Precision));
            }
        }
        return data;
    }
}
