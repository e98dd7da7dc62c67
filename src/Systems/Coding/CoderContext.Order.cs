// CoderContext order: the order in which a step's latent dimensions are coded (ModelShape.LatentOrder). Without
// one the passes code dimensions 0..L-1 and no query reads another dimension of z_t. With one, every pass walks
// Order: the proposal draws Order[0] first (and the encoder's pushes back, and the decoder's, run the other way),
// the model pass pushes the prior in Order and the decoder pops it in reverse (the generative order); a
// proposal query about dimension l may read the particle's dimensions before l in Order, a prior query those
// after it (LatentQuery's known mask, from the two tables here). The proposal then depends on the slot, so the
// passes ask per slot (no slot-free reuse), and the t = 0 prior is asked per slot too.
using Engine.Modeling;

namespace Engine.Systems.Coding;

internal sealed partial class CoderContext
{
    // [l L + l']: whether a proposal (prior) query about dimension l may read dimension l' of z_t.
    private readonly bool[] _proposalKnown, _priorKnown;

    /// <summary>The coding order of a step's dimensions (identity without a <see cref="ModelShape.LatentOrder"/>).</summary>
    public int[] Order { get; }

    /// <summary>Whether the model gave an order over several dimensions (queries then read other dimensions of z_t).</summary>
    public bool HasOrder { get; }

    /// <summary>Per-lane scratch for the selected slots' known dimensions of z_t ([l B + b]; see <see cref="GatherCurrent"/>).</summary>
    public readonly int[] Current;

    /// <summary>Which dimensions a proposal query about dimension l may read (empty without an order).</summary>
    public ReadOnlySpan<bool> ProposalKnown(int l) => HasOrder ? _proposalKnown.AsSpan(l * L, L) : default;

    /// <summary>Which dimensions a prior query about dimension l may read (empty without an order).</summary>
    public ReadOnlySpan<bool> PriorKnown(int l) => HasOrder ? _priorKnown.AsSpan(l * L, L) : default;

    /// <summary>The known dimensions of z_t of particle Slots[b] for a proposal query about dimension l, gathered from the
    /// Latent column into <see cref="Current"/>, returned from lane lo.</summary>
    public LaneColumns GatherCurrent(int t, int l, int lo, int hi)
    {
        Span<int> z = Z;
        ReadOnlySpan<bool> known = ProposalKnown(l);
        for (int d = 0; d < L; d++)
        {
            if (!known[d]) continue;
            for (int b = lo; b < hi; b++) Current[d * B + b] = z[ZIndex(t, Slots[b], d, b)];
        }
        return new(Current.AsSpan(lo), B);
    }

    private static (int[] Order, bool HasOrder, bool[] ProposalKnown, bool[] PriorKnown) LatentOrderOf(ModelShape shape)
    {
        int dims = shape.LatentDims;
        int[] order = shape.LatentOrder?.ToArray() ?? Enumerable.Range(0, dims).ToArray();
        bool hasOrder = shape.LatentOrder is not null && dims > 1;
        if (!hasOrder) return (order, false, [], []);
        var rank = new int[dims];
        for (int m = 0; m < dims; m++) rank[order[m]] = m;
        bool[] proposal = new bool[dims * dims], prior = new bool[dims * dims];
        for (int l = 0; l < dims; l++)
            for (int d = 0; d < dims; d++)
            {
                proposal[l * dims + d] = rank[d] < rank[l];
                prior[l * dims + d] = rank[d] > rank[l];
            }
        return (order, true, proposal, prior);
    }
}
