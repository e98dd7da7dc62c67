// How grey-scale images become binary ones; recorded in a VAE checkpoint so that compression
// binarises new images exactly as the model's training and test data were.
namespace Engine.Models.Data;

/// <summary>Binarisation rule (see <see cref="Binarizer"/>).</summary>
public enum BinarizationMode
{
    /// <summary>Pixel = 1 iff byte value ≥ 128 (intensity &gt; 0.5).</summary>
    Threshold,

    /// <summary>Pixel = 1 with probability value/255, seeded per image.</summary>
    Dynamic,
}
