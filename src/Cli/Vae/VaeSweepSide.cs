// One side of the fashion-vae sweep (in or out of distribution): the images, the model's own scores on
// them (−ELBO and −IWAE(50) in bits/dim, VaeEvaluator), the same bounds on the coder's quantised tables (VaeCoderBound,
// one per particle count of the cells, keyed by k), the generic codecs' sizes, and every coded cell.
using Engine.Models.Data;
using Engine.Models.Neural;

namespace Engine.Cli.Vae;

/// <summary>Everything measured on one side's images.</summary>
/// <param name="Name">"in" or "out".</param>
/// <param name="Classes">The test classes of this side.</param>
/// <param name="Images">The binarised test images.</param>
/// <param name="Score">−ELBO and −IWAE(k) of the model on them.</param>
/// <param name="Baselines">gzip, xz and PNG sizes.</param>
/// <param name="Cells">Coded cells.</param>
internal sealed record VaeSweepSide(string Name, ClassSet Classes, BinaryImages Images, VaeScore Score,
    IReadOnlyList<BaselineResult> Baselines, List<VaeSweepCell> Cells)
{
    /// <summary>−ELBO_Q and −IWAE_Q(k) on the coder's quantised tables, by k.</summary>
    public SortedDictionary<int, Engine.Systems.Vae.VaeCoderBoundResult> CoderBounds { get; } = [];

    /// <summary>The coder's own bound for a cell in bits/dim and its standard error: −ELBO_Q for BB-ELBO, −IWAE_Q(N) for BB-IS(N)
    /// and BB-CIS(N) (the independent-draw bound; the coupled estimator's own differs a little); NaN when not measured.</summary>
    public (double Bound, double StandardError) CoderBoundOf(Engine.Systems.CoderKind kind, int n)
    {
        if (kind == Engine.Systems.CoderKind.BbElbo || n == 1)
            return CoderBounds.Count == 0 ? (double.NaN, double.NaN) : (CoderBounds.Last().Value.NegElboBitsPerDim, CoderBounds.Last().Value.NegElboStandardError);
        return CoderBounds.TryGetValue(n, out var b) ? (b.NegIwaeBitsPerDim, double.NaN) : (double.NaN, double.NaN);
    }
}
