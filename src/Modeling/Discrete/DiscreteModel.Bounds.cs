// DiscreteModel bounds: exact −log2 p(x) by the forward algorithm and exact −ELBO under the quantised
// proposal (a Markov chain over z, so its pairwise marginals come from a forward pass too). Doubles here
// only report numbers; they never decide a table.
namespace Engine.Modeling.Discrete;

public partial class DiscreteModel
{
    /// <summary>Exact −log2 p(x) of one unit under the quantised model, by the forward algorithm (reporting only).</summary>
    /// <param name="unit">Exactly <see cref="SequenceLength"/> symbols.</param>
    public double IdealBits(ReadOnlySpan<byte> unit)
    {
        CheckUnit(unit);
        int k = LatentCount;
        var alpha = new double[k];
        var next = new double[k];
        double pScale = 1.0 / (1L << Prior.Precision), eScale = 1.0 / (1L << Emission.Precision);
        double bits = 0;
        for (int t = 0; t < unit.Length; t++)
        {
            int x = unit[t];
            if (t == 0)
            {
                for (int z = 0; z < k; z++) next[z] = Prior.Freq[z] * pScale;
            }
            else
            {
                QuantizedRows tr = Transition!;
                double tScale = 1.0 / (1L << tr.Precision);
                Array.Clear(next);
                for (int z = 0; z < k; z++)
                {
                    double a = alpha[z] * tScale;
                    int row = z * k;
                    for (int z2 = 0; z2 < k; z2++) next[z2] += a * tr.Freq[row + z2];
                }
            }
            double sum = 0;
            for (int z = 0; z < k; z++)
            {
                next[z] *= Emission.Freq[z * SymbolCount + x] * eScale;
                sum += next[z];
            }
            bits -= Math.Log2(sum);
            for (int z = 0; z < k; z++) alpha[z] = next[z] / sum;
        }
        return bits;
    }

    /// <summary>Mean of <see cref="IdealBits"/> over consecutive units of <paramref name="data"/>.</summary>
    public double MeanIdealBits(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data.Length % SequenceLength != 0)
            throw new ArgumentException($"Data must be a positive multiple of {SequenceLength} symbols.", nameof(data));
        double sum = 0;
        for (int i = 0; i < data.Length; i += SequenceLength) sum += IdealBits(data.Slice(i, SequenceLength));
        return sum / (data.Length / SequenceLength);
    }

    /// <inheritdoc />
    public double NegativeLogLikelihood(ReadOnlySpan<byte> unit) => IdealBits(unit);

    /// <inheritdoc />
    public double NegativeElbo(ReadOnlySpan<byte> unit)
    {
        CheckUnit(unit);
        int k = LatentCount;
        var marginal = new double[k];
        var next = new double[k];
        double bound = 0; // E_q[log2 q - log2 p(x, z)]
        for (int t = 0; t < unit.Length; t++)
        {
            int x = unit[t];
            QuantizedRows q = ProposalAt(t);
            Array.Clear(next);
            if (t == 0)
            {
                int row = ProposalRow(0, x, 0);
                for (int z = 0; z < k; z++)
                {
                    double p = Prob(q, row, z);
                    next[z] = p;
                    bound += p * (Log2(q, row, z) - Log2(Prior, 0, z));
                }
            }
            else
            {
                for (int prev = 0; prev < k; prev++)
                {
                    double m = marginal[prev];
                    if (m == 0) continue;
                    int row = ProposalRow(t, x, prev);
                    for (int z = 0; z < k; z++)
                    {
                        double p = m * Prob(q, row, z);
                        next[z] += p;
                        bound += p * (Log2(q, row, z) - Log2(Transition!, prev, z));
                    }
                }
            }
            for (int z = 0; z < k; z++) bound -= next[z] * Log2(Emission, z, x);
            (marginal, next) = (next, marginal);
        }
        return bound;
    }

    private void CheckUnit(ReadOnlySpan<byte> unit)
    {
        if (unit.Length != SequenceLength)
            throw new ArgumentException($"A unit holds {SequenceLength} symbols, got {unit.Length}.", nameof(unit));
        foreach (byte x in unit)
            if (x >= SymbolCount) throw new ArgumentOutOfRangeException(nameof(unit), $"Symbol {x} is outside the alphabet of {SymbolCount}.");
    }

    private static double Prob(QuantizedRows t, int row, int s) => t.Freq[row * t.Width + s] / (double)(1L << t.Precision);

    private static double Log2(QuantizedRows t, int row, int s) => t.Log2Q32[row * t.Width + s] / 4294967296.0;
}
