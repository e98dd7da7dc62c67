// CifDensity: a CIF's log density at given points — log2 p^_K(x) = log2 (1/K sum_k w_k), the IWAE_K estimate with K index draws
// per point (exact for a plain flow) — for pictures of what a model learned (the 2-D toy densities' heat maps). Points are rows
// of D values in the network's data space [0, 1)^D; no dequantisation.
using static TorchSharp.torch;

namespace Engine.Models.Neural;

/// <summary>Per-point log densities of a <see cref="CifNetwork"/>.</summary>
public static class CifDensity
{
    /// <summary>log2 p^_K of each of the <paramref name="rows"/> points in <paramref name="points"/> (row-major, D per point).</summary>
    /// <exception cref="ArgumentException">The points are not rows of the network's D.</exception>
    public static double[] Log2(CifNetwork network, float[] points, int rows, int k = 16, long seed = 1, int batchSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int d = network.Shape.Dims;
        if ((long)rows * d != points.Length) throw new ArgumentException($"{points.Length} values are not {rows} points of {d}.", nameof(points));
        if (network.Shape.IndexDims == 0) k = 1;
        TorchRuntime.EnsureLoaded();
        using var generator = new Generator(unchecked((ulong)seed) ^ 0xDE45_17E5ul, CPU);
        using var noGrad = no_grad();
        var result = new double[rows];
        float[] scratch = [];
        for (int first = 0; first < rows; first += batchSize)
        {
            int n = Math.Min(batchSize, rows - first);
            using var scope = NewDisposeScope();
            Tensor x = TensorIo.FromFloats(points.AsSpan(first * d, n * d), n, d, ref scratch);
            Tensor logW = network.LogWeights(k == 1 ? x : x.repeat(k, 1), generator).reshape(k, n);
            float[] logMean = logW.logsumexp(0).data<float>().ToArray();
            for (int r = 0; r < n; r++) result[first + r] = (logMean[r] - Math.Log(k)) / Math.Log(2);
        }
        return result;
    }
}
