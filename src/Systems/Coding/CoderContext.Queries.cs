// CoderContext queries: the one place where passes ask the model (through its IModelSession) for the
// tables they code with. Each call covers lanes [lo, hi) for one step and one latent dimension (or symbol
// position) and writes each lane's row of the returned table into a per-lane array; the query's inputs are
// spans of the gathered arrays (lane fastest, stride B), so asking copies nothing. Where the proposal
// reads the previous latent, PrepareParents first gathers each lane's parent latents (slot Slots[b]).
// A query's answer depends only on its contents, so where those are the same for every slot (a proposal
// that ignores the previous latent) a pass asks once per dimension and reuses the answer for all N slots
// (ProposalTables): the hot loops then make no model call per slot.
using Engine.Modeling;

namespace Engine.Systems.Coding;

internal sealed partial class CoderContext
{
    /// <summary>Whether proposals at step t need <see cref="PrepareParents"/>.</summary>
    public bool ProposalNeedsParents(int t) => t > 0 && Shape.ProposalUsesPrevious;

    /// <summary>Previous[l B + b] = z_{t-1,l} of the parent of particle Slots[b], for lanes [lo, hi) (t &gt; 0).</summary>
    public void PrepareParents(int t, int lo, int hi)
    {
        for (int l = 0; l < L; l++)
            for (int b = lo; b < hi; b++)
                Previous[l * B + b] = Z[ZIndex(t - 1, Parent(t, Slots[b], b), l, b)];
    }

    /// <summary>q(z_t,l | ·) for lanes [lo, hi): rows into <see cref="Rows"/>[l B + b] (parents from <see cref="PrepareParents"/> where needed).</summary>
    public QuantizedRows ProposalTable(int t, int l, int lo, int hi)
    {
        ReadOnlySpan<int> previous = ProposalNeedsParents(t) ? Previous.AsSpan(lo) : default;
        var query = new LatentQuery(t, l, lo, hi - lo, B, X.AsSpan(t * W * B + lo), previous, default);
        return Checked(Session.Proposal(query, Rows.AsSpan(l * B + lo, hi - lo)), K, R, "proposal");
    }

    /// <summary>The proposal tables of every dimension for lanes [lo, hi) when they do not depend on the slot (asked
    /// once, rows in <see cref="Rows"/>); an empty span when they do (the pass then asks per slot).</summary>
    public Span<QuantizedRows> ProposalTables(int worker, int t, int lo, int hi)
    {
        if (ProposalNeedsParents(t)) return default;
        Span<QuantizedRows> tables = TableScratch.AsSpan(worker * L, L);
        for (int l = 0; l < L; l++) tables[l] = ProposalTable(t, l, lo, hi);
        return tables;
    }

    /// <summary>p(z_t,l | z_{t-1}) for lanes [lo, hi) with the parents' latents in <paramref name="previous"/> (stride B, from lane lo;
    /// ignored at t = 0): rows into <see cref="PriorRows"/>[l B + b].</summary>
    public QuantizedRows PriorTable(int t, int l, int lo, int hi, ReadOnlySpan<int> previous)
    {
        var query = new LatentQuery(t, l, lo, hi - lo, B, default, t == 0 ? default : previous, default);
        return Checked(Session.Prior(query, PriorRows.AsSpan(l * B + lo, hi - lo)), K, -1, "prior");
    }

    /// <summary>p(x_t,w | z_t) for lanes [lo, hi) with the particles' latents in <paramref name="latent"/> (stride B, from lane lo):
    /// rows into <see cref="LikelihoodRows"/>.</summary>
    public QuantizedRows LikelihoodTable(int t, int w, int lo, int hi, ReadOnlySpan<int> latent)
    {
        var query = new LatentQuery(t, w, lo, hi - lo, B, default, default, latent);
        return Checked(Session.Likelihood(query, LikelihoodRows.AsSpan(lo, hi - lo)), S, -1, "likelihood");
    }

    // A model is user code: a table of the wrong width or precision would corrupt messages silently, so its
    // shape is checked on every answer (two compares per batch, not per symbol).
    /// <summary>Checks a table a session returned to a pass that queried it directly (precision -1: any).</summary>
    public static QuantizedRows CheckedTable(QuantizedRows table, int width, int precision, string what) => Checked(table, width, precision, what);

    private static QuantizedRows Checked(QuantizedRows table, int width, int precision, string what)
    {
        if (table is null || table.Width != width || (precision > 0 && table.Precision != precision))
            throw new InvalidOperationException(
                $"The model's {what} table is {(table is null ? "null" : $"{table.Rows} x {table.Width} at precision {table.Precision}")}; " +
                $"its shape promises width {width}{(precision > 0 ? $" at precision {precision}" : "")}.");
        return table;
    }
}
