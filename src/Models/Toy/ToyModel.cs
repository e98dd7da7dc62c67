// Base of the toy models (DESIGN §7): a discrete state-space model of SequenceLength steps,
//   z_0 ~ Prior, z_t ~ Transition[z_{t-1}], x_t ~ Emission[z_t], proposal q(z_t | x_t) = Proposal[x_t],
// every distribution an integer table built once (QuantizedRows). The mixture is the T = 1 case, the HMM
// T = 10, so one set of coder passes serves both. Sampling uses only integer tables; the exact -log2 p(x)
// by the forward algorithm uses doubles, which only report numbers and never decide a table.
using System.Globalization;

namespace Engine.Models.Toy;

/// <summary>A toy latent-variable model whose every distribution is a quantised integer table.</summary>
public abstract class ToyModel
{
    /// <summary>Precision of the prior, transition and emission rows (each sums to 2^16).</summary>
    public const int TablePrecision = 16;

    /// <summary>Default precision r of the proposal rows; coupled coders draw one uniform on 2^r values,
    /// so they support up to 2^r particles.</summary>
    public const int DefaultProposalPrecision = 12;

    private EntropyEstimate? _entropy;

    private protected ToyModel(string kind, ulong seed, ToyProposal proposal, int sequenceLength,
        QuantizedRows prior, QuantizedRows? transition, QuantizedRows emission, QuantizedRows proposalRows)
    {
        Kind = kind;
        Seed = seed;
        ProposalKind = proposal;
        SequenceLength = sequenceLength;
        Prior = prior;
        Transition = transition;
        Emission = emission;
        Proposal = proposalRows;
        LatentCount = prior.Width;
        SymbolCount = emission.Width;
        Description = string.Create(CultureInfo.InvariantCulture,
            $"{kind}:seed={seed},proposal={proposal.ToString().ToLowerInvariant()},r={proposalRows.Precision}");
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>"mixture" or "hmm".</summary>
    public string Kind { get; }

    /// <summary>Seed of the integer counts the tables were built from.</summary>
    public ulong Seed { get; }

    /// <summary>Which proposal the model uses.</summary>
    public ToyProposal ProposalKind { get; }

    /// <summary>Observed symbols per coding unit: 1 for the mixture, T for the HMM.</summary>
    public int SequenceLength { get; }

    /// <summary>Size of the observed alphabet.</summary>
    public int SymbolCount { get; }

    /// <summary>Number of latent states.</summary>
    public int LatentCount { get; }

    /// <summary>p(z_0): one row over the latents.</summary>
    public QuantizedRows Prior { get; }

    /// <summary>p(z_t | z_{t-1}): one row per previous latent; null when <see cref="SequenceLength"/> is 1.</summary>
    public QuantizedRows? Transition { get; }

    /// <summary>p(x_t | z_t): one row per latent over the symbols.</summary>
    public QuantizedRows Emission { get; }

    /// <summary>q(z_t | x_t): one row per observed symbol over the latents.</summary>
    public QuantizedRows Proposal { get; }

    /// <summary>Text that rebuilds this model with <see cref="FromDescription"/> (kind, seed, proposal, r).</summary>
    public string Description { get; }

    /// <summary>FNV-1a hash of every size, precision and frequency: equal fingerprints mean identical tables.</summary>
    public ulong Fingerprint { get; }

    /// <summary>Entropy of the source in bits per unit (exact for the mixture, Monte Carlo for the HMM); computed once.</summary>
    public EntropyEstimate Entropy => _entropy ??= ComputeEntropy();

    /// <summary>Builds a model from its <see cref="Description"/> text.</summary>
    /// <exception cref="FormatException">The text does not describe a toy model.</exception>
    public static ToyModel FromDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        int colon = description.IndexOf(':');
        string kind = colon < 0 ? description.Trim() : description[..colon].Trim();
        ulong seed = 1;
        var proposal = ToyProposal.Uniform;
        int r = DefaultProposalPrecision;
        if (colon >= 0)
        {
            foreach (string part in description[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string[] kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
                if (kv.Length != 2) throw new FormatException($"Toy model option '{part}' is not key=value.");
                switch (kv[0])
                {
                    case "seed" when ulong.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong s): seed = s; break;
                    case "proposal" when Enum.TryParse(kv[1], ignoreCase: true, out ToyProposal p) && Enum.IsDefined(p): proposal = p; break;
                    case "r" when int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out int rr): r = rr; break;
                    default: throw new FormatException($"Toy model option '{part}' is unknown or malformed.");
                }
            }
        }
        try
        {
            return kind switch
            {
                ToyMixture.KindName => new ToyMixture(seed, proposal, r),
                ToyHmm.KindName => new ToyHmm(seed, proposal, r),
                _ => throw new FormatException($"Unknown toy model kind '{kind}' (expected '{ToyMixture.KindName}' or '{ToyHmm.KindName}')."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"Toy model description '{description}' is out of range: {e.Message}", e);
        }
    }

    /// <summary>Samples <paramref name="units"/> coding units (units × <see cref="SequenceLength"/> symbols) from the
    /// quantised model with integer arithmetic only; the same seed always gives the same bytes.</summary>
    public byte[] Sample(int units, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var rng = new SplitMix64(seed ^ 0x5A3C_96E1_0F2D_B487UL);
        int t = SequenceLength;
        var data = new byte[checked(units * t)];
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

    /// <summary>Exact -log2 p(x) of one unit under the quantised model, by the forward algorithm (reporting only).</summary>
    /// <param name="unit">Exactly <see cref="SequenceLength"/> symbols.</param>
    public double IdealBits(ReadOnlySpan<byte> unit)
    {
        if (unit.Length != SequenceLength)
            throw new ArgumentException($"A unit holds {SequenceLength} symbols, got {unit.Length}.", nameof(unit));
        int k = LatentCount;
        Span<double> alpha = stackalloc double[k];
        Span<double> next = stackalloc double[k];
        double pScale = 1.0 / (1L << Prior.Precision), eScale = 1.0 / (1L << Emission.Precision);
        double bits = 0;
        for (int t = 0; t < unit.Length; t++)
        {
            int x = unit[t];
            if (x >= SymbolCount) throw new ArgumentOutOfRangeException(nameof(unit), $"Symbol {x} is outside the alphabet of {SymbolCount}.");
            if (t == 0)
            {
                for (int z = 0; z < k; z++) next[z] = Prior.Freq[z] * pScale;
            }
            else
            {
                QuantizedRows tr = Transition!;
                double tScale = 1.0 / (1L << tr.Precision);
                next.Clear();
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

    /// <summary>Mean of <see cref="IdealBits"/> over consecutive units of <paramref name="data"/>: the ideal code length
    /// of exactly these symbols, per unit.</summary>
    public double MeanIdealBits(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data.Length % SequenceLength != 0)
            throw new ArgumentException($"Data must be a positive multiple of {SequenceLength} symbols.", nameof(data));
        double sum = 0;
        for (int i = 0; i < data.Length; i += SequenceLength) sum += IdealBits(data.Slice(i, SequenceLength));
        return sum / (data.Length / SequenceLength);
    }

    private protected abstract EntropyEstimate ComputeEntropy();

    private ulong ComputeFingerprint()
    {
        var h = new Fnv64();
        h.Add(Kind);
        h.Add((uint)SequenceLength);
        foreach (QuantizedRows? rows in new[] { Prior, Transition, Emission, Proposal })
        {
            if (rows is null) { h.Add(0u); continue; }
            h.Add((uint)rows.Rows);
            h.Add((uint)rows.Width);
            h.Add((uint)rows.Precision);
            foreach (uint f in rows.Freq) h.Add(f);
        }
        return h.Value;
    }
}
