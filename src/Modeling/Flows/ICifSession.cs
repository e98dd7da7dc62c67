// ICifSession: one coding run's view of a CIF. Every call answers for `count` chains at once; vectors are row-major,
// one row per chain (D doubles for a level z_l, IndexDims doubles for an index u_l). Rules (as IModelSession's):
//   * every answer row is a deterministic function of that row's inputs alone — never of count, the row's position,
//     the thread or earlier calls — because the decoder asks the same questions in other batches and must get the same
//     doubles bit for bit (a network runs fixed-size blocks, one thread, and names its numeric backend in ModelIdentity);
//   * Affine's `above` holds the layer output's stage-0 coordinates and zeros elsewhere for stage 1, and zeros for
//     stage 0 (the coders pass exactly that in both directions, so a model cannot read what the decoder does not know yet);
//   * outputs are written only at the coordinates the call is about (stage coordinates; all index dimensions); the coders
//     read nothing else. Non-finite outputs are allowed (the coders clamp them identically on both sides) but cost bits.
namespace Engine.Modeling.Flows;

/// <summary>Answers the local bits-back coders' questions during one coding run.</summary>
public interface ICifSession : IDisposable
{
    /// <summary>p(u_l | z_l): mean and log standard deviation of each index dimension, from the level below the layer.</summary>
    void IndexPrior(int layer, ReadOnlySpan<double> below, int count, Span<double> mean, Span<double> logStd);

    /// <summary>q(u_l | z_{l+1}): mean and log standard deviation of each index dimension, from the level above the layer.</summary>
    void IndexPosterior(int layer, ReadOnlySpan<double> above, int count, Span<double> mean, Span<double> logStd);

    /// <summary>The layer's elementwise coefficients for the coordinates of <paramref name="stage"/>: z_{l+1,i} = z_{l,i} e^{logScale_i} + shift_i,
    /// given the index u_l (<paramref name="index"/>; empty rows when IndexDims = 0) and, for stage 1, the stage-0 outputs in
    /// <paramref name="above"/>.</summary>
    void Affine(int layer, int stage, ReadOnlySpan<double> index, ReadOnlySpan<double> above, int count, Span<double> logScale, Span<double> shift);
}
