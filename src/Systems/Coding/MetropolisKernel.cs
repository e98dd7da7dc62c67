// MetropolisKernel: the AIS transition T_k(z' | z) as an integer rANS row, built the same way on both sides.
// Target π_k ∝ q^{1-β_k} p(x, z)^{β_k} with β_k = k/N exactly (rational): log2 π_k(z) =
// ((N - k) log2 q(z) + k log2 p(x, z)) / N from the tables' Q32 logs, then rounded to L_k(z) in units of
// 1/256 bit. The kernel is Metropolis-Hastings with a uniform proposal over the K latents:
//   f(z') = max(1, ⌊g 2^{-(L(z) - L(z'))/256}⌋) for z' ≠ z when L(z') < L(z), g otherwise (accept),
//   f(z)  = 2^24 - Σ_{z'≠z} f(z')  (>= g >= 1), with g = ⌊2^24 / K⌋,
// where 2^{-d/256} comes from a table built once with FixedExp2 (Q32), so a row costs K lookups and
// multiplies and no division. It is reversible w.r.t. the rounded target up to the integer floors, so
// AIS's backward kernel is this same row conditioned the other way (docs/coders.md); rounding costs a little
// rate, never exactness, because both sides build identical rows.
using Engine.Ans.Quantization;

namespace Engine.Systems.Coding;

/// <summary>Integer Metropolis-Hastings rows of the annealed coders.</summary>
internal static class MetropolisKernel
{
    /// <summary>Resolution of the rounded log-target: 2^8 steps per bit.</summary>
    public const int LogSteps = 256;

    /// <summary>Differences beyond 32 bits give g 2^-32 &lt; 1, i.e. the floor frequency 1.</summary>
    private const int MaxDifference = 32 * LogSteps;

    /// <summary>2^{-d/256} in Q32 for d = 0 .. 8192, from the integer FixedExp2.</summary>
    private static readonly ulong[] Exp2Neg = BuildExp2Table();

    /// <summary>Fills StepLog (L_k) for lane b at annealing step k (1 &lt;= k &lt; N).</summary>
    public static void PrepareStep(CoderContext c, int b, int k)
    {
        int kk = c.K;
        ReadOnlySpan<long> lq = c.LogQ.AsSpan(b * kk, kk), lp = c.LogP.AsSpan(b * kk, kk);
        Span<int> log = c.StepLog.AsSpan(b * kk, kk);
        long n = c.N;
        for (int z = 0; z < kk; z++)
        {
            long q32 = ((n - k) * lq[z] + k * lp[z]) / n;
            log[z] = (int)((q32 + (1L << 23)) >> 24); // round to 1/256 bit (Q32 >> 24 = units of 2^-8)
        }
    }

    /// <summary>Writes the cumulative row T_k(. | current) for lane b into KernelCdf (K + 1 entries).</summary>
    public static void BuildRow(CoderContext c, int b, int current)
    {
        int kk = c.K;
        ReadOnlySpan<int> log = c.StepLog.AsSpan(b * kk, kk);
        Span<uint> row = c.KernelCdf.AsSpan(b * (kk + 1), kk + 1);
        uint g = (1u << CoderContext.KernelPrecision) / (uint)kk;
        int lc = log[current];
        uint sum = 0;
        for (int z = 0; z < kk; z++)
        {
            row[z] = sum;
            if (z == current) continue;
            int d = lc - log[z];
            uint f = d <= 0 ? g : Math.Max(1u, (uint)((g * Exp2Neg[Math.Min(d, MaxDifference)]) >> 32));
            sum += f;
        }
        // The current state's own mass is the remainder: shift the cumulative entries after it.
        uint stay = (1u << CoderContext.KernelPrecision) - sum;
        for (int z = current + 1; z < kk; z++) row[z] += stay;
        row[kk] = 1u << CoderContext.KernelPrecision;
    }

    private static ulong[] BuildExp2Table()
    {
        var table = new ulong[MaxDifference + 1];
        for (int d = 0; d <= MaxDifference; d++) table[d] = FixedExp2.Of(-((long)d << 24));
        return table;
    }
}
