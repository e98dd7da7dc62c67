// Which proposal q(z | x) a toy model hands to the coders.
namespace Engine.Models.Toy;

/// <summary>The proposal distribution of a toy model.</summary>
public enum ToyProposal
{
    /// <summary>Uniform over the latents, as in the paper's toy experiments.</summary>
    Uniform,

    /// <summary>q(z | x) proportional to the integer count linking z and x (the model's own counts): non-uniform
    /// frequencies that are not powers of two, which exercises the coupled coders' exact-uniform residuals.</summary>
    Informed,
}
