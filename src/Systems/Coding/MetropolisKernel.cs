// MetropolisKernel: the AIS transition T_k(z' | z) as an integer rANS row, built the same way on both sides.
// Target π_k ∝ q^{1-β_k} p(x, z)^{β_k} with β_k = k/N exactly (rational): log2 π_k(z) =
// ((N - k) log2 q(z) + k log2 p(x, z)) / N in Q32 (integer division). Per step, e_k(z) = 2^{log2 π_k(z) - max}
// (FixedExp2, Q32). The kernel is Metropolis-Hastings with a uniform proposal over the K latents:
//   f(z') = max(1, ⌊g min(e(z'), e(z)) / e(z)⌋) for z' ≠ z, g = ⌊2^24 / K⌋, and f(z) = 2^24 - Σ_{z'≠z} f(z'),
// which is >= g >= 1, so every row is a valid table. It is π_k-reversible up to the integer rounding, so
// the backward kernel of AIS is this same row (DESIGN §1); rounding costs a little rate, never exactness.
using Engine.Ans.Quantization;

namespace Engine.Systems.Coding;

/// <summary>Integer Metropolis-Hastings rows of the annealed coders.</summary>
internal static class MetropolisKernel
{
    /// <summary>Fills StepExp for lane b at annealing step k (1 &lt;= k &lt; N).</summary>
    public static void PrepareStep(CoderContext c, int b, int k)
    {
        int kk = c.K;
        ReadOnlySpan<long> lq = c.LogQ.AsSpan(b * kk, kk), lp = c.LogP.AsSpan(b * kk, kk);
        Span<ulong> e = c.StepExp.AsSpan(b * kk, kk);
        long n = c.N, max = long.MinValue;
        for (int z = 0; z < kk; z++) max = Math.Max(max, ((n - k) * lq[z] + k * lp[z]) / n);
        for (int z = 0; z < kk; z++) e[z] = FixedExp2.Of(((n - k) * lq[z] + k * lp[z]) / n - max);
    }

    /// <summary>Writes the cumulative row T_k(. | current) for lane b into KernelCdf (K + 1 entries).</summary>
    public static void BuildRow(CoderContext c, int b, int current)
    {
        int kk = c.K;
        ReadOnlySpan<ulong> e = c.StepExp.AsSpan(b * kk, kk);
        Span<uint> row = c.KernelCdf.AsSpan(b * (kk + 1), kk + 1);
        uint g = (1u << CoderContext.KernelPrecision) / (uint)kk;
        ulong ec = e[current];
        uint sum = 0;
        for (int z = 0; z < kk; z++)
        {
            row[z] = sum;
            if (z == current) continue;
            uint f = e[z] >= ec ? g : Math.Max(1u, (uint)((UInt128)g * e[z] / ec));
            sum += f;
        }
        // The current state's own mass is the remainder; shift the cumulative entries after it.
        uint stay = (1u << CoderContext.KernelPrecision) - sum;
        for (int z = current + 1; z < kk; z++) row[z] += stay;
        row[kk] = 1u << CoderContext.KernelPrecision;
    }
}
