// Base of the built-in toy models: a DiscreteModel (integer tables, proposal q(z_t | x_t) = Proposal[x_t])
// whose tables are drawn from a seed, so a short description ("hmm:seed=1,proposal=uniform,r=12") names
// it and rebuilds it. The mixture is the T = 1 case, the HMM T = 10. Adds the source entropy (exact for
// the mixture, Monte Carlo for the HMM) that the sweeps compare the coders with.
using System.Globalization;
using Engine.Modeling;
using Engine.Modeling.Discrete;

namespace Engine.Models.Toy;

/// <summary>A toy latent-variable model whose every distribution is a quantised integer table.</summary>
public abstract class ToyModel : DiscreteModel
{
    /// <summary>Precision of the prior, transition and emission rows (each sums to 2^16).</summary>
    public const int TablePrecision = 16;

    /// <summary>Default precision r of the proposal rows; coupled coders draw one uniform on 2^r values,
    /// so they support up to 2^r particles.</summary>
    public const int DefaultProposalPrecision = 12;

    private EntropyEstimate? _entropy;

    private protected ToyModel(string kind, ulong seed, ToyProposal proposal, int sequenceLength,
        QuantizedRows prior, QuantizedRows? transition, QuantizedRows emission, QuantizedRows proposalRows)
        : base(kind, sequenceLength, prior, transition, emission, proposalRows,
            description: string.Create(CultureInfo.InvariantCulture,
                $"{kind}:seed={seed},proposal={proposal.ToString().ToLowerInvariant()},r={proposalRows.Precision}"))
    {
        Seed = seed;
        ProposalKind = proposal;
    }

    /// <summary>Seed of the integer counts the tables were built from.</summary>
    public ulong Seed { get; }

    /// <summary>Which proposal the model uses.</summary>
    public ToyProposal ProposalKind { get; }

    /// <summary>Text that rebuilds this model with <see cref="FromDescription"/> (kind, seed, proposal, r).</summary>
    public string Description => Identity.Description;

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

    private protected abstract EntropyEstimate ComputeEntropy();
}
