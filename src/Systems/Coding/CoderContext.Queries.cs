// CoderContext queries: the one place where passes ask the model (through its IModelSession) for the
// tables they code with. Each call covers lanes [lo, hi) for one step and one latent dimension (or symbol
// position) and writes each lane's row of the returned table into a per-lane array; the query's inputs are
// the component columns themselves (lane fastest; LaneColumns carry each column's stride), so asking copies nothing. Where the proposal
// reads the previous latent, PrepareParents first gathers each lane's parent latents (slot Slots[b]).
// The session's batch hooks are called from here too: ObserveStep once x_t is known, PrepareParticles
// (every particle of step t) before the reweight pass and PrepareLineage (the lineage's latents, decode's
// model pass) before likelihood queries that name their particle's slot.
using Engine.Modeling;

namespace Engine.Systems.Coding;

internal sealed partial class CoderContext
{
    /// <summary>Whether proposals at step t need <see cref="PrepareParents"/>.</summary>
    public bool ProposalNeedsParents(int t) => t > 0 && (Shape.ProposalUsesPrevious || StateWords > 0);

    /// <summary>Previous[l B + b] = z_{t-1,l} of the parent of particle Slots[b], for lanes [lo, hi) (t &gt; 0).</summary>
    public void PrepareParents(int t, int lo, int hi)
    {
        Span<int> z = Z, anc = Anc, states = States;
        Span<byte> resampled = Resampled;
        for (int l = 0; l < L; l++)
            for (int b = lo; b < hi; b++)
                Previous[l * B + b] = z[ZIndex(t - 1, Parent(anc, resampled, t, Slots[b], b), l, b)];
        for (int k = 0; k < StateWords; k++)
            for (int b = lo; b < hi; b++)
                PreviousState[k * B + b] = states[StateIndex(t - 1, Parent(anc, resampled, t, Slots[b], b), k, b)];
    }

    /// <summary>The parents' states <see cref="PrepareParents"/> gathered, word k in column k, from lane lo (none without state).</summary>
    public LaneColumns GatheredParentStates(int lo) => StateWords > 0 ? new(PreviousState.AsSpan(lo), B) : default;

    /// <summary>The lineage's state after step t from lane lo, word k in column k (none at t &lt; 0 or without state).</summary>
    public LaneColumns LineageStatesAfter(int t, int lo) => StateWords > 0 && t >= 0 ? new(LineageStates[UIndex(t, 0, lo)..], StepDimStride) : default;

    /// <summary>x_t of lanes from <paramref name="lo"/> on, position w in column w.</summary>
    private LaneColumns Observations(int t, int lo) => new(X[(t * B + lo)..], StepDimStride);

    /// <summary>x_t of lanes from <paramref name="lo"/> on, position w in column w (for batches built by passes).</summary>
    public LaneColumns StepObservations(int t, int lo) => Observations(t, lo);

    /// <summary>Distance between dimensions in <see cref="GatherAllParents"/>' span (N B).</summary>
    public int AllParentsDimStride => N * B;

    /// <summary>Every particle's parent latents at step t for lanes [lo, hi) — z_{t-1,l} of the parent of slot i at [(l N + i) B + b] —
    /// returned from lane lo (slots B apart, dimensions N B apart). Scratch: valid until the next call.</summary>
    public ReadOnlySpan<int> GatherAllParents(int t, int lo, int hi)
    {
        Span<int> z = Z, anc = Anc;
        Span<byte> resampled = Resampled;
        for (int b = lo; b < hi; b++)
        {
            bool fresh = resampled[(t - 1) * B + b] != 0;
            for (int i = 0; i < N; i++)
            {
                int parent = fresh ? anc[AIndex(t, i, b)] : i;
                for (int l = 0; l < L; l++) _allParents[(l * N + i) * B + b] = z[ZIndex(t - 1, parent, l, b)];
            }
        }
        return _allParents.AsSpan(lo);
    }

    /// <summary>Distance between words in <see cref="GatherAllParentStates"/>' span (N B).</summary>
    public int AllParentStatesWordStride => N * B;

    /// <summary>Every particle's parent state at step t for lanes [lo, hi) — word k of the parent of slot i at [(k N + i) B + b] —
    /// returned from lane lo (empty without state). Scratch: valid until the next call.</summary>
    public ReadOnlySpan<int> GatherAllParentStates(int t, int lo, int hi)
    {
        if (StateWords == 0) return default;
        Span<int> states = States, anc = Anc;
        Span<byte> resampled = Resampled;
        for (int b = lo; b < hi; b++)
        {
            bool fresh = resampled[(t - 1) * B + b] != 0;
            for (int i = 0; i < N; i++)
            {
                int parent = fresh ? anc[AIndex(t, i, b)] : i;
                for (int k = 0; k < StateWords; k++) _allParentStates[(k * N + i) * B + b] = states[StateIndex(t - 1, parent, k, b)];
            }
        }
        return _allParentStates.AsSpan(lo);
    }


    /// <summary>The parents' latents <see cref="PrepareParents"/> gathered, dimension l in column l, from lane lo.</summary>
    public LaneColumns GatheredParents(int lo) => new(Previous.AsSpan(lo), B);

    /// <summary>q(z_t,l | ·) for lanes [lo, hi): rows into <see cref="Rows"/> (parents from <see cref="PrepareParents"/> where needed).
    /// With a latent order the query also reads the known dimensions of z_t: of <paramref name="current"/> when given (a particle's
    /// or the lineage's column), else gathered for the selected slots (<see cref="GatherCurrent"/>).</summary>
    public QuantizedRows ProposalTable(int t, int l, int lo, int hi, LaneColumns current = default) =>
        ProposalTable(t, l, lo, hi, Rows.AsSpan(lo, hi - lo), current);

    private QuantizedRows ProposalTable(int t, int l, int lo, int hi, Span<int> rows, LaneColumns current)
    {
        bool parents = ProposalNeedsParents(t);
        LaneColumns previous = parents && Shape.ProposalUsesPrevious ? GatheredParents(lo) : default;
        if (HasOrder && current.IsEmpty) current = GatherCurrent(t, l, lo, hi);
        var query = new LatentQuery(t, l, lo, hi - lo, Observations(t, lo), previous, HasOrder ? current : default, default,
            parents ? GatheredParentStates(lo) : default, ProposalKnown(l));
        return Checked(Session.Proposal(query, rows), K, R, "proposal");
    }

    /// <summary>Whether the proposal queries of step t are the same for every particle slot (no parent latents and no other
    /// dimension of z_t in them): then a pass asks once per dimension (<see cref="ProposalTables"/>) instead of once per slot and dimension.</summary>
    public bool ProposalSlotFree(int t) => !ProposalNeedsParents(t) && !HasOrder;

    /// <summary>The slot-free proposal of every dimension of step t for lanes [lo, hi): tables into
    /// <see cref="ProposalByDim"/>[worker L + l], rows into <see cref="ProposalRowsByDim"/>[l B + b].</summary>
    public void ProposalTables(int worker, int t, int lo, int hi)
    {
        for (int l = 0; l < L; l++) ProposalByDim[worker * L + l] = ProposalTable(t, l, lo, hi, ProposalRowsByDim.AsSpan(l * B + lo, hi - lo), default);
    }

    /// <summary>The step-0 prior of every dimension for lanes [lo, hi) (slot-free: no parents): tables into
    /// <see cref="PriorByDim"/>[worker L + l], rows into <see cref="PriorRowsByDim"/>[l B + b].</summary>
    public void FirstPriorTables(int worker, int lo, int hi)
    {
        for (int l = 0; l < L; l++)
        {
            var query = new LatentQuery(0, l, lo, hi - lo, default, default, default);
            PriorByDim[worker * L + l] = Checked(Session.Prior(query, PriorRowsByDim.AsSpan(l * B + lo, hi - lo)), K, -1, "prior");
        }
    }

    /// <summary>p(z_t,l | z_{t-1}) for lanes [lo, hi) with the parents' latents in <paramref name="previous"/> (dimension l in column l,
    /// from lane lo; ignored at t = 0) and their states in <paramref name="state"/>: rows into <see cref="PriorRows"/>. With a latent
    /// order the query also reads the dimensions of z_t after l in it, from <paramref name="current"/> (the particle's or lineage's column).</summary>
    public QuantizedRows PriorTable(int t, int l, int lo, int hi, LaneColumns previous, LaneColumns state = default, LaneColumns current = default)
    {
        var query = new LatentQuery(t, l, lo, hi - lo, default, t == 0 ? default : previous, HasOrder ? current : default, default,
            t == 0 ? default : state, PriorKnown(l));
        return Checked(Session.Prior(query, PriorRows.AsSpan(lo, hi - lo)), K, -1, "prior");
    }

    /// <summary>p(x_t,w | z_t) for lanes [lo, hi) with the particles' latents in <paramref name="latent"/> (dimension l in column l, from lane lo):
    /// rows into <see cref="LikelihoodRows"/>. <paramref name="slots"/> (from lane lo; empty when the latents were not prepared)
    /// names each lane's particle in the batch last prepared for step t.</summary>
    public QuantizedRows LikelihoodTable(int t, int w, int lo, int hi, LaneColumns latent, ReadOnlySpan<int> slots = default, LaneColumns state = default)
    {
        var query = new LatentQuery(t, w, lo, hi - lo, default, default, latent, slots, t == 0 ? default : state);
        return Checked(Session.Likelihood(query, LikelihoodRows.AsSpan(lo, hi - lo)), S, -1, "likelihood");
    }

    /// <summary>Whether the session gives every position's likelihood rows in one call (<see cref="ILikelihoodRows"/>).</summary>
    public bool BatchLikelihoodRows => Session is ILikelihoodRows;

    /// <summary>p(x_t,w | z_t) of every position w for lanes [lo, hi) in one session call (<see cref="BatchLikelihoodRows"/>): rows into
    /// <see cref="AllLikelihoodRows"/>[w B + b]; the arguments as for <see cref="LikelihoodTable"/>.</summary>
    public QuantizedRows LikelihoodTables(int t, int lo, int hi, LaneColumns latent, ReadOnlySpan<int> slots = default, LaneColumns state = default)
    {
        var query = new LatentQuery(t, 0, lo, hi - lo, default, default, latent, slots, t == 0 ? default : state);
        return Checked(((ILikelihoodRows)Session).LikelihoodRows(query, W, AllLikelihoodRows.AsSpan(lo), B), S, -1, "likelihood");
    }

    /// <summary>Particle i's latents at step t from lane lo (dimension l in column l).</summary>
    public LaneColumns ParticleLatents(int t, int i, int lo) => new(Z[ZIndex(t, i, 0, lo)..], ZDimStride);

    /// <summary>The lineage's latents at step t from lane lo (dimension l in column l).</summary>
    public LaneColumns LineageLatents(int t, int lo) => new(ZLin[UIndex(t, 0, lo)..], StepDimStride);

    /// <summary>Adds Σ_w log2 p(x_t,w | z_t) of lanes [lo, hi) to <paramref name="sums"/> (from lane lo), for the particles whose
    /// latents <paramref name="latent"/> holds (dimension l in column l, from lane lo; slots as for <see cref="LikelihoodTable"/>).</summary>
    public void AddLogLikelihood(int t, int lo, int hi, LaneColumns latent, ReadOnlySpan<int> slots, Span<long> sums, LaneColumns state = default)
    {
        var query = new LatentQuery(t, 0, lo, hi - lo, Observations(t, lo), default, latent, slots, t == 0 ? default : state);
        Session.AddLogLikelihood(query, W, LikelihoodRows.AsSpan(lo, hi - lo), sums);
    }

    /// <summary>Hands x_t of lanes [lo, hi) to the session (before any proposal query of step t on them).</summary>
    public void ObserveStep(int t, int lo, int hi)
    {
        if (hi > lo) Session.Observe(new ObservedBatch(t, lo, hi - lo, StepDimStride, X[(t * B + lo)..]));
    }

    /// <summary>Hands every particle's step-t latents of lanes [lo, hi) to the session; likelihood queries then name slot i.</summary>
    public void PrepareParticles(int t, int lo, int hi)
    {
        if (hi > lo) Session.PrepareLikelihood(new LatentBatch(t, lo, hi - lo, N, L, B, ZDimStride, Z[ZIndex(t, 0, 0, lo)..]));
    }

    /// <summary>Hands the lineage's step-t latents (<see cref="ZLin"/>) of lanes [lo, hi) to the session as a one-particle batch;
    /// likelihood queries then name slot 0 (<see cref="FirstSlots"/>).</summary>
    public void PrepareLineage(int t, int lo, int hi)
    {
        if (hi > lo) Session.PrepareLikelihood(new LatentBatch(t, lo, hi - lo, 1, L, B, StepDimStride, ZLin[(t * B + lo)..]));
    }

    // A model is user code: a table of the wrong width or precision would corrupt messages silently, so its
    // shape is checked on every answer (two compares per batch, not per symbol).
    private static QuantizedRows Checked(QuantizedRows table, int width, int precision, string what)
    {
        if (table is null || table.Width != width || (precision > 0 && table.Precision != precision))
            throw new InvalidOperationException(
                $"The model's {what} table is {(table is null ? "null" : $"{table.Rows} x {table.Width} at precision {table.Precision}")}; " +
                $"its shape promises width {width}{(precision > 0 ? $" at precision {precision}" : "")}.");
        return table;
    }
}
