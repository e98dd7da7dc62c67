// IExactBounds: what a model can say exactly about one coding unit, so a coder's rate can be reported
// beside its own bound (−ELBO for BB-ELBO, −log p(x) for the limit of the Monte Carlo coders) and not only
// beside the source entropy. Reporting only: doubles never decide a table.
namespace Engine.Modeling;

/// <summary>Exact per-unit bounds of a model, in bits.</summary>
public interface IExactBounds
{
    /// <summary>−log2 p(x) of one unit under the quantised tables (the ideal code length).</summary>
    double NegativeLogLikelihood(ReadOnlySpan<byte> unit);

    /// <summary>−ELBO of one unit under the quantised proposal: E_q[log2 q(z|x) − log2 p(x, z)] (BB-ELBO's expected net rate).</summary>
    double NegativeElbo(ReadOnlySpan<byte> unit);
}
