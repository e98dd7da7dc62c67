// LatentQuery: one batched question from a coder pass — step t, one latent dimension (or, for the
// likelihood, one symbol position), and Count queries: Chains consecutive chains for one particle slot,
// or several such blocks for consecutive slots (the reweight pass asks for all N slots at once, so a
// model is called a few times per step rather than a few times per particle). Inputs are spans with one
// value per query and a stride between dimensions, laid out as the coders keep them, so asking costs
// little or no copying: value v of query q is span[v * Stride + q].
namespace Engine.Modeling;

/// <summary>A batch of distribution queries over <see cref="Count"/> consecutive chains at one step.</summary>
public readonly ref struct LatentQuery
{
    private readonly ReadOnlySpan<int> _observed;
    private readonly ReadOnlySpan<int> _previous;
    private readonly ReadOnlySpan<int> _latent;

    /// <summary>Builds a query (coders do this; models only read it). <paramref name="chains"/> = 0 means one block of
    /// <paramref name="count"/> chains; <paramref name="firstSlot"/> = -1 means the slot is not one per block (it varies by chain).</summary>
    public LatentQuery(int step, int dimension, int firstChain, int count, int stride,
        ReadOnlySpan<int> observed, ReadOnlySpan<int> previous, ReadOnlySpan<int> latent, int chains = 0, int firstSlot = -1)
    {
        if (chains == 0) chains = count;
        if (chains < 1 ? count != 0 : count % chains != 0)
            throw new ArgumentOutOfRangeException(nameof(chains), chains, "The query count must be a whole number of chain blocks.");
        Step = step;
        Dimension = dimension;
        FirstChain = firstChain;
        Count = count;
        Stride = stride;
        Chains = chains;
        FirstSlot = firstSlot;
        _observed = observed;
        _previous = previous;
        _latent = latent;
    }

    /// <summary>Step t.</summary>
    public int Step { get; }

    /// <summary>Latent dimension l (proposal, prior) or symbol position w (likelihood).</summary>
    public int Dimension { get; }

    /// <summary>Chain of query 0; query q is chain <see cref="ChainOf"/>(q) = FirstChain + q mod Chains.</summary>
    public int FirstChain { get; }

    /// <summary>Number of queries (a multiple of <see cref="Chains"/>).</summary>
    public int Count { get; }

    /// <summary>Consecutive chains per block; Count / Chains blocks for consecutive particle slots.</summary>
    public int Chains { get; }

    /// <summary>Particle slot of block 0 (block k is slot FirstSlot + k), or -1 when the query's particles are not one slot
    /// per block (the lineage, or a slot that differs between chains).</summary>
    public int FirstSlot { get; }

    /// <summary>The chain query <paramref name="q"/> belongs to.</summary>
    public int ChainOf(int q) => FirstChain + q % Chains;

    /// <summary>The particle slot of query <paramref name="q"/>, or -1 (see <see cref="FirstSlot"/>).</summary>
    public int SlotOf(int q) => FirstSlot < 0 ? -1 : FirstSlot + q / Chains;

    /// <summary>Distance between the same query's values of consecutive dimensions or symbols.</summary>
    public int Stride { get; }

    /// <summary>Whether <see cref="Previous"/> is available (t &gt; 0, and asked for by the shape for proposals).</summary>
    public bool HasPrevious => !_previous.IsEmpty;

    /// <summary>x_t at symbol position <paramref name="w"/> of every query (proposal queries only: a prior or likelihood
    /// must not depend on x_t, which the decoder does not know yet; empty for them).</summary>
    public ReadOnlySpan<int> Observed(int w) => _observed.IsEmpty ? default : _observed.Slice(w * Stride, Count);

    /// <summary>z_{t-1} in dimension <paramref name="l"/> of every query's parent particle (empty at t = 0).</summary>
    public ReadOnlySpan<int> Previous(int l) => _previous.IsEmpty ? default : _previous.Slice(l * Stride, Count);

    /// <summary>z_t in dimension <paramref name="l"/> of every query's particle (likelihood queries only; empty for proposals
    /// and priors, whose dimensions are conditionally independent given x_t and z_{t-1}).</summary>
    public ReadOnlySpan<int> Latent(int l) => _latent.IsEmpty ? default : _latent.Slice(l * Stride, Count);
}
