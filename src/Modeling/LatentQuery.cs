// LatentQuery: one batched question from a coder pass — step t, one latent dimension (or, for the
// likelihood, one symbol position), and Count consecutive chains, all for the same particle slot. Inputs
// are lane-major columns (LaneColumns, one stride per input), exactly as the coders keep them, so asking
// costs no copy: value v of query q is span[v * stride + q]. Likelihood queries about particles whose latents the coders
// handed to IModelSession.PrepareLikelihood also name each query's particle slot in that batch (Slots), so
// a session that evaluated the batch in one pass only picks rows; Slots is a cache key, never an input.
namespace Engine.Modeling;

/// <summary>A batch of distribution queries over <see cref="Count"/> consecutive chains at one step.</summary>
public readonly ref struct LatentQuery
{
    private readonly LaneColumns _observed;
    private readonly LaneColumns _previous;
    private readonly LaneColumns _latent;
    private readonly LaneColumns _state;
    private readonly ReadOnlySpan<int> _slots;

    /// <summary>Builds a query (coders do this; models only read it). An input that does not apply is <c>default</c>.
    /// For likelihood queries about particles of the batch last given to <see cref="IModelSession.PrepareLikelihood"/> for
    /// this step, query q is about particle <paramref name="slots"/>[q] (length at least <paramref name="count"/>; empty when
    /// the latents were not prepared). <paramref name="state"/> holds the words of each query's parent state s_{t-1} (models with
    /// <see cref="ModelShape.StateWords"/> &gt; 0, t &gt; 0).</summary>
    public LatentQuery(int step, int dimension, int firstChain, int count,
        LaneColumns observed, LaneColumns previous, LaneColumns latent, ReadOnlySpan<int> slots = default, LaneColumns state = default)
    {
        Step = step;
        Dimension = dimension;
        FirstChain = firstChain;
        Count = count;
        _observed = observed;
        _previous = previous;
        _latent = latent;
        _slots = slots;
        _state = state;
    }

    /// <summary>Step t.</summary>
    public int Step { get; }

    /// <summary>Latent dimension l (proposal, prior) or symbol position w (likelihood).</summary>
    public int Dimension { get; }

    /// <summary>Chain of query 0; query q is chain FirstChain + q.</summary>
    public int FirstChain { get; }

    /// <summary>Number of queries.</summary>
    public int Count { get; }

    /// <summary>Whether <see cref="Previous"/> is available (t &gt; 0, and asked for by the shape for proposals).</summary>
    public bool HasPrevious => !_previous.IsEmpty;

    /// <summary>x_t at symbol position <paramref name="w"/> of every query (proposal queries, and the scores of
    /// <see cref="IModelSession.AddLogLikelihood"/>: a prior or likelihood table must not depend on x_t, which the decoder
    /// does not know yet; empty for them).</summary>
    public ReadOnlySpan<int> Observed(int w) => _observed.Column(w, Count);

    /// <summary>z_{t-1} in dimension <paramref name="l"/> of every query's parent particle (empty at t = 0).</summary>
    public ReadOnlySpan<int> Previous(int l) => _previous.Column(l, Count);

    /// <summary>z_t in dimension <paramref name="l"/> of every query's particle (likelihood queries only; empty for proposals
    /// and priors, whose dimensions are conditionally independent given x_t and z_{t-1}).</summary>
    public ReadOnlySpan<int> Latent(int l) => _latent.Column(l, Count);

    /// <summary>The same query for symbol position <paramref name="w"/> without observations: one position's likelihood query
    /// out of a <see cref="IModelSession.AddLogLikelihood"/> call.</summary>
    public LatentQuery AtPosition(int w) => new(Step, w, FirstChain, Count, default, _previous, _latent, _slots, _state);

    /// <summary>Whether <see cref="State"/> is available (a model with per-particle state, t &gt; 0).</summary>
    public bool HasState => !_state.IsEmpty;

    /// <summary>Word <paramref name="k"/> of every query's parent state s_{t-1} — the state after step t - 1 of the particle that the
    /// query's particle descends from (for the lineage in the model pass, the lineage's own) — for every query; empty at t = 0 or
    /// when the model keeps no state.</summary>
    public ReadOnlySpan<int> State(int k) => _state.Column(k, Count);

    /// <summary>Whether <see cref="Slots"/> is available (likelihood queries about prepared particles only).</summary>
    public bool HasSlots => !_slots.IsEmpty;

    /// <summary>For each query, the slot of its particle in the <see cref="LatentBatch"/> last given to
    /// <see cref="IModelSession.PrepareLikelihood"/> for this step, chains matched by index (empty when the latents
    /// were not prepared). The particle's latents are still <see cref="Latent"/>: an answer must equal what
    /// those latents give, so a session may use the slot only to find work it already did.</summary>
    public ReadOnlySpan<int> Slots => _slots.IsEmpty ? default : _slots[..Count];
}
