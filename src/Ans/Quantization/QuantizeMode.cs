// QuantizeMode: how CategoricalQuantizer turns probabilities into integer frequencies.
namespace Engine.Ans.Quantization;

/// <summary>Rounding strategy for categorical quantisation.</summary>
public enum QuantizeMode
{
    /// <summary>floor(p (2^prec - K)) + 1 for each symbol, the remainder to the arg-max. O(K).</summary>
    Fast,
    /// <summary>
    /// Minimum expected code length subject to sum = 2^prec and every freq >= 1: per-symbol marginal
    /// rounding, then greedy correction by least code-length loss (ties by index). O(K log K).
    /// </summary>
    Optimal,
}
