// The entropy of a toy model's source in bits per coding unit (a symbol, or a sequence for the HMM),
// with the standard error when it is a Monte Carlo estimate (0 when exact).
namespace Engine.Models.Toy;

/// <summary>Entropy in bits per unit; <see cref="StandardError"/> is 0 for an exact value.</summary>
/// <param name="Bits">Entropy (or its estimate) in bits per unit.</param>
/// <param name="StandardError">Standard error of the estimate in bits (0 when exact).</param>
/// <param name="Samples">Number of Monte Carlo samples (0 when exact).</param>
public readonly record struct EntropyEstimate(double Bits, double StandardError, int Samples)
{
    /// <summary>True when the value was computed exactly rather than estimated.</summary>
    public bool IsExact => Samples == 0;
}
