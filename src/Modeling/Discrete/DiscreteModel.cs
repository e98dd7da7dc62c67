// DiscreteModel: a discrete state-space model given entirely by integer tables — the model a user writes
// (or loads from a JSON model file) and the base of the built-in toy models:
//   z_0 ~ Prior,  z_t ~ Transition[z_{t-1}],  x_t ~ Emission[z_t],
//   proposal q(z_0 | x_0) = FirstProposal[x_0];  q(z_t | ·) = Proposal[row chosen by ProposalInput] for t > 0.
// One latent dimension and one symbol per step. Every table is a QuantizedRows (each frequency >= 1), so the
// coders' weights are sums of the tables' fixed-point logs. The fingerprint is an FNV-1a hash of every
// size, precision and frequency (the same sequence the first toy models hashed, so their messages keep
// their fingerprints); a model with another proposal input or first-step proposal hashes those too.
using System.Buffers.Binary;
using System.Globalization;

namespace Engine.Modeling.Discrete;

/// <summary>A discrete latent-variable model (mixture for T = 1, hidden Markov model for T &gt; 1) from quantised tables.</summary>
public partial class DiscreteModel : ILatentModel, IExactBounds
{
    /// <summary>Largest latent alphabet of a table model.</summary>
    public const int MaxLatents = 4096;

    /// <summary>Builds a model from its tables and checks that their shapes fit together.</summary>
    /// <param name="kind">A short name hashed into the fingerprint ("mixture", "hmm", or your own).</param>
    /// <param name="sequenceLength">Steps T per coding unit.</param>
    /// <param name="prior">p(z_0): one row over the K latents.</param>
    /// <param name="transition">p(z_t | z_{t-1}): K rows of K; required when T &gt; 1, null (or ignored) when T = 1.</param>
    /// <param name="emission">p(x_t | z_t): K rows over the V symbols (V ≤ 256).</param>
    /// <param name="proposal">q(z_t | ·) for t &gt; 0 (and t = 0 when <paramref name="firstProposal"/> is null and the input is
    /// the observation): rows as <paramref name="proposalInput"/> says, K outcomes each.</param>
    /// <param name="proposalInput">What selects a proposal row at t &gt; 0.</param>
    /// <param name="firstProposal">q(z_0 | x_0): V rows of K; required unless the input is <see cref="ProposalInput.Observation"/>.</param>
    /// <param name="description">Text recorded in messages (default: kind and sizes).</param>
    /// <exception cref="ArgumentException">A table has the wrong shape, or the proposals' precisions differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public DiscreteModel(string kind, int sequenceLength, QuantizedRows prior, QuantizedRows? transition, QuantizedRows emission,
        QuantizedRows proposal, ProposalInput proposalInput = ProposalInput.Observation, QuantizedRows? firstProposal = null,
        string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(emission);
        ArgumentNullException.ThrowIfNull(proposal);
        if (!Enum.IsDefined(proposalInput)) throw new ArgumentOutOfRangeException(nameof(proposalInput), proposalInput, "Unknown proposal input.");
        int k = prior.Width, v = emission.Width;
        if (k > MaxLatents) throw new ArgumentOutOfRangeException(nameof(prior), k, $"At most {MaxLatents} latent values.");
        if (v > 256) throw new ArgumentOutOfRangeException(nameof(emission), v, "At most 256 symbols (one byte each).");
        if (sequenceLength < 1 || sequenceLength > ModelShape.MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, $"The sequence length must be in [1, {ModelShape.MaxSteps}].");
        Expect(prior, 1, k, nameof(prior));
        if (sequenceLength > 1)
        {
            if (transition is null) throw new ArgumentException("A model with more than one step needs a transition table.", nameof(transition));
            Expect(transition, k, k, nameof(transition));
        }
        else
        {
            transition = null;
        }
        Expect(emission, k, v, nameof(emission));
        int proposalRows = proposalInput switch
        {
            ProposalInput.Observation => v,
            ProposalInput.Previous => k,
            _ => checked(k * v),
        };
        Expect(proposal, proposalRows, k, nameof(proposal));
        if (firstProposal is null && proposalInput != ProposalInput.Observation)
            throw new ArgumentException("A proposal that reads the previous latent needs a first-step proposal q(z_0 | x_0).", nameof(firstProposal));
        if (firstProposal is not null)
        {
            Expect(firstProposal, v, k, nameof(firstProposal));
            if (firstProposal.Precision != proposal.Precision)
                throw new ArgumentException("Both proposal tables must have the same precision.", nameof(firstProposal));
        }
        if (1L << proposal.Precision < k)
            throw new ArgumentException($"Proposal precision {proposal.Precision} cannot give {k} latents a frequency each.", nameof(proposal));

        Kind = kind;
        SequenceLength = sequenceLength;
        Prior = prior;
        Transition = transition;
        Emission = emission;
        Proposal = proposal;
        ProposalInput = proposalInput;
        FirstProposal = firstProposal ?? proposal;
        Fingerprint = ComputeFingerprint(firstProposal is not null);
        Shape = new ModelShape(sequenceLength, 1, v, 1, k, proposal.Precision, proposalInput != ProposalInput.Observation);
        string text = description ?? string.Create(CultureInfo.InvariantCulture, $"{kind}:K={k},V={v},T={sequenceLength},fp={Fingerprint:x16}");
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Fingerprint);
        Identity = new ModelIdentity(text, bytes);
    }

    /// <summary>The kind name hashed into the fingerprint.</summary>
    public string Kind { get; }

    /// <summary>Observed symbols per coding unit: 1 for a mixture, T for an HMM.</summary>
    public int SequenceLength { get; }

    /// <summary>Size of the observed alphabet V.</summary>
    public int SymbolCount => Emission.Width;

    /// <summary>Number of latent states K.</summary>
    public int LatentCount => Prior.Width;

    /// <summary>p(z_0): one row over the latents.</summary>
    public QuantizedRows Prior { get; }

    /// <summary>p(z_t | z_{t-1}): one row per previous latent; null when <see cref="SequenceLength"/> is 1.</summary>
    public QuantizedRows? Transition { get; }

    /// <summary>p(x_t | z_t): one row per latent over the symbols.</summary>
    public QuantizedRows Emission { get; }

    /// <summary>q(z_t | ·) for t &gt; 0, rows selected by <see cref="ProposalInput"/>.</summary>
    public QuantizedRows Proposal { get; }

    /// <summary>What selects a proposal row at t &gt; 0.</summary>
    public ProposalInput ProposalInput { get; }

    /// <summary>q(z_0 | x_0): one row per symbol (the same table as <see cref="Proposal"/> unless one was given).</summary>
    public QuantizedRows FirstProposal { get; }

    /// <summary>FNV-1a hash of every size, precision and frequency: equal fingerprints mean identical tables.</summary>
    public ulong Fingerprint { get; }

    /// <inheritdoc />
    public ModelIdentity Identity { get; }

    /// <inheritdoc />
    public ModelShape Shape { get; }

    /// <inheritdoc />
    public IModelSession OpenSession(int chains, int particles) => new TableSession(this);

    /// <summary>The proposal table of step <paramref name="t"/>.</summary>
    public QuantizedRows ProposalAt(int t) => t == 0 ? FirstProposal : Proposal;

    /// <summary>The proposal row of step <paramref name="t"/> given the observation and the previous latent.</summary>
    public int ProposalRow(int t, int x, int previous) => t == 0 ? x : ProposalInput switch
    {
        ProposalInput.Observation => x,
        ProposalInput.Previous => previous,
        _ => previous * SymbolCount + x,
    };

    private static void Expect(QuantizedRows table, int rows, int width, string name)
    {
        if (table.Rows != rows || table.Width != width)
            throw new ArgumentException($"Table '{name}' is {table.Rows} x {table.Width}; this model needs {rows} x {width}.", name);
    }

    private ulong ComputeFingerprint(bool ownFirstProposal)
    {
        var h = new Fnv64();
        h.Add(Kind);
        h.Add((uint)SequenceLength);
        foreach (QuantizedRows? rows in new[] { Prior, Transition, Emission, Proposal })
            Add(ref h, rows);
        // Extensions beyond the first toy models' tables; absent for them, so their fingerprints stay.
        if (ProposalInput != ProposalInput.Observation || ownFirstProposal)
        {
            h.Add(0x50524F50u); // "PROP"
            h.Add((uint)ProposalInput);
            Add(ref h, FirstProposal);
        }
        return h.Value;
    }

    private static void Add(ref Fnv64 h, QuantizedRows? rows)
    {
        if (rows is null) { h.Add(0u); return; }
        h.Add((uint)rows.Rows);
        h.Add((uint)rows.Width);
        h.Add((uint)rows.Precision);
        foreach (uint f in rows.Freq) h.Add(f);
    }
}
