// One side of the fashion-vae sweep (in or out of distribution): the images, the model's own scores on
// them (−ELBO and −IWAE(50) in bits/dim, VaeEvaluator), the generic codecs' sizes, and every coded cell.
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
    IReadOnlyList<BaselineResult> Baselines, List<VaeSweepCell> Cells);
