// The sizes of a binary VAE: pixels D, hidden width H (two tanh layers each side) and latents L.
// Default 784-200-200-50, the IWAE paper's one-stochastic-layer MNIST model; tests use tiny shapes.
namespace Engine.Models.Neural;

/// <summary>Layer sizes of a <see cref="BinaryVae"/>: D → H → H → L (encoder) and L → H → H → D (decoder).</summary>
/// <param name="Pixels">Number of binary pixels D.</param>
/// <param name="Hidden">Width H of each of the two tanh hidden layers.</param>
/// <param name="Latents">Number of Gaussian latents L.</param>
public sealed record VaeShape(int Pixels, int Hidden, int Latents)
{
    /// <summary>784–200–200–50: 28×28 images, two 200-unit tanh layers, 50 latents.</summary>
    public static VaeShape Default { get; } = new(784, 200, 50);

    /// <summary>Throws unless every size is positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Hidden);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Latents);
    }

    /// <summary>"784-200-200-50".</summary>
    public override string ToString() => $"{Pixels}-{Hidden}-{Hidden}-{Latents}";
}
