// ILikelihoodRows: an optional capability of a model session whose likelihood rows for every symbol position of a
// step index one shared table (a network's Bernoulli pixels: one table of quantised probabilities, a row per
// pixel) — give the rows of all W positions in one call instead of answering a Likelihood query per position.
// The model pass uses it when the session has it (784 calls per image fewer for a 28x28 VAE). The rows must be
// exactly what Likelihood gives position by position, so adding it never changes a message.
namespace Engine.Modeling;

/// <summary>The likelihood rows of every symbol position of a step at once.</summary>
public interface ILikelihoodRows
{
    /// <summary>
    /// Writes, for every position w &lt; <paramref name="positions"/> and query q &lt; query.Count, the row that
    /// <see cref="IModelSession.Likelihood"/> would give query q at position w into
    /// <paramref name="rows"/>[w · <paramref name="stride"/> + q], and returns the one table all those rows index.
    /// The query is a likelihood query (its <see cref="LatentQuery.Dimension"/> is 0 and means nothing here).
    /// </summary>
    QuantizedRows LikelihoodRows(in LatentQuery query, int positions, Span<int> rows, int stride);
}
